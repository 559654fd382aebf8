import type { CompiledRubric } from '../rubric/compile.ts';
import { localize } from '../scenario/schema.ts';
import { catalog, type Lang } from '../text/messages.ts';
import { displayWidth } from '../text/width.ts';
import { createLlmSession, type LlmSession, type SecondOpinion } from '../llm/session.ts';
import { createOllamaClient, ollamaConfig, type OllamaConfig } from '../node/ollama-config.ts';
import { UsageError, type Io } from './io.ts';

/** The options `play` and `practice` add for the local model. */
export const LLM_OPTIONS = { llm: { type: 'boolean' }, model: { type: 'string' } } as const;

export const LLM_HELP = `  --llm      a local model (Ollama) words the customer's lines and gives a second opinion;
             the rules still decide everything and the rule score stays official
  --model M  the Ollama model (default: OLLAMA_MODEL, else qwen2.5:7b); OLLAMA_HOST is the
             server (default http://127.0.0.1:11434). 'dojo doctor' checks both.
`;

/**
 * The model session for `--llm`, or undefined without it (then nothing changes). `--model`
 * without `--llm` and unusable OLLAMA_* / DOJO_LLM_* values are usage errors.
 */
export function llmSessionFor(values: { llm?: boolean; model?: string }, io: Io, lang: Lang): { session: LlmSession; config: OllamaConfig } | undefined {
  if (!values.llm) {
    if (values.model !== undefined) throw new UsageError('--model needs --llm');
    return undefined;
  }
  const config = ollamaConfig(io.env, values.model);
  if ('error' in config) throw new UsageError(config.error);
  const session = createLlmSession({ client: createOllamaClient(config.host), model: config.model, host: config.host, lang, limits: config.limits });
  return { session, config };
}

const text = catalog({
  title: { zh: '第二意见({model},仅供参考;以规则评分为准)', en: 'Second opinion ({model}; for reference, the rule score is official)' },
  rules: { zh: '规则', en: 'rules' },
  model: { zh: '模型', en: 'model' },
  total: { zh: '总分', en: 'Total' },
  differs: { zh: '相差 {n} 分', en: 'differs by {n}' },
  comment: { zh: '点评:{text}', en: 'Comment: {text}' },
  waiting: { zh: '第二意见:正在询问 {model}……', en: 'Second opinion: asking {model}…' },
  unavailable: { zh: '第二意见:不可用({code})', en: 'Second opinion: unavailable ({code})' },
});

/**
 * The second opinion as lines for the terminal: a table of rule score and model score per
 * dimension and total, rows differing by more than 15 points marked, then the model's comment.
 * `undefined` means the verdict is still on its way.
 */
export function secondOpinionLines(opinion: SecondOpinion | undefined, rubric: CompiledRubric, model: string, lang: Lang): { text: string; differs: boolean }[] {
  if (!opinion) return [{ text: text('waiting', lang, { model }), differs: false }];
  if (opinion.status !== 'ok') return [{ text: text('unavailable', lang, { code: opinion.code }), differs: false }];
  const names = new Map<string, string>(rubric.data.dimensions.map((d) => [d.id, `${localize(d.name, lang)} ${d.weight}%`]));
  names.set('total', text('total', lang));
  const width = Math.max(...[...names.values()].map(displayWidth));
  const pad = (s: string) => s + ' '.repeat(width - displayWidth(s));
  const head = `${pad('')} ${text('rules', lang).padStart(5)} ${text('model', lang).padStart(5)}`;
  return [
    { text: text('title', lang, { model }), differs: false },
    { text: head, differs: false },
    ...opinion.comparison.rows.map((r) => ({
      text: `${pad(names.get(r.id) ?? r.id)} ${String(r.rules).padStart(5)} ${String(r.model).padStart(5)}${r.differs ? `  ≠ ${text('differs', lang, { n: r.diff > 0 ? `+${r.diff}` : r.diff })}` : ''}`,
      differs: r.differs,
    })),
    ...(opinion.verdict.comment ? [{ text: text('comment', lang, { text: opinion.verdict.comment }), differs: false }] : []),
  ];
}

/** The second opinion for `--json`: the verdict, the side-by-side rows and the marked dimensions. */
export function secondOpinionJson(opinion: SecondOpinion) {
  if (opinion.status !== 'ok') return { status: 'unavailable', code: opinion.code };
  const { verdict, comparison, cached } = opinion;
  return { status: 'ok', cached, total: verdict.total, dimensions: verdict.dimensions, comment: verdict.comment, comparison: comparison.rows, differing: comparison.differing };
}
