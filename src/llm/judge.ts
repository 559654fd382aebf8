import { z } from 'zod';
import type { DimensionDef } from '../rubric/data.ts';
import { DimensionId, localize, type Scenario, type TranscriptTurn } from '../scenario/schema.ts';
import { catalog, type Lang } from '../text/messages.ts';
import type { LlmClient, LlmMessage } from './client.ts';
import { hashOf } from './hash.ts';
import { classifyFailure, type LlmNoticeCode } from './notices.ts';

const Score = z.number().min(0).max(100);

/** The judge's answer. Passed to the model as `format` (JSON Schema) and checked again here. */
export const JudgeVerdict = z.strictObject({
  dimensions: z.strictObject({
    reliability: Score,
    responsiveness: Score,
    assurance: Score,
    empathy: Score,
    tangibles: Score,
  }),
  total: Score,
  comment: z.string().max(2000),
});
export type JudgeVerdict = z.infer<typeof JudgeVerdict>;

/** The JSON Schema sent as `format`: the model can only produce this shape. */
export const JUDGE_FORMAT = z.toJSONSchema(JudgeVerdict);

/** Same transcript, same verdict: no sampling randomness, a fixed context size and seed. */
export const JUDGE_OPTIONS = { temperature: 0, num_ctx: 8192, seed: 0 } as const;

/** Bump when the judge prompt changes, so cached verdicts of the old prompt are not reused. */
export const JUDGE_PROMPT_VERSION = 1;

/** Where verdicts are kept between calls; a `Map` will do (the browser may pass a storage-backed one). */
export interface JudgeCache {
  get(key: string): JudgeVerdict | undefined;
  set(key: string, verdict: JudgeVerdict): unknown;
}

export interface JudgeInput {
  readonly dimensions: readonly DimensionDef[];
  readonly scenario?: Scenario;
  readonly turns: readonly TranscriptTurn[];
  readonly lang: Lang;
}

const words = catalog({
  system: {
    zh: `你是客户服务投诉处理的资深培训师,按 SERVQUAL 五要素给受训客服的整段对话打分。
每个维度 0–100 分,total 为按权重的总体评价(0–100)。红线行为(责怪顾客、推诿、无礼、超出权限的承诺)要明显扣分。
comment 用中文写两三句具体点评,引用客服的原话。只输出符合格式的 JSON。`,
    en: `You are a senior customer-service trainer grading how a trainee agent handled a complaint, against the SERVQUAL five elements.
Score each dimension 0-100 and give a weighted overall total (0-100). Red flags (blaming the customer, passing the buck, rudeness, promises beyond authority) cost a lot.
Write the comment in English: two or three specific sentences quoting the agent. Output only JSON in the required format.`,
  },
  dimensions: { zh: '维度(权重):', en: 'Dimensions (weight):' },
  scenario: { zh: '场景:{summary}', en: 'Situation: {summary}' },
  keyPoints: { zh: '本场景的要点:', en: 'Key points of this situation:' },
  forbidden: { zh: '本场景的禁忌:', en: 'Moves to avoid here:' },
  transcript: { zh: '对话记录:', en: 'Transcript:' },
  customer: { zh: '顾客', en: 'Customer' },
  agent: { zh: '客服', en: 'Agent' },
});

/**
 * The messages for the second-opinion judge: the rubric's dimensions with their weights and
 * descriptions, the scenario's key points and moves to avoid, and the whole transcript.
 */
export function buildJudgePrompt(input: JudgeInput): LlmMessage[] {
  const { lang } = input;
  const t = (key: Parameters<typeof words>[0], params?: Record<string, string | number>) => words(key, lang, params);
  const lines = [t('dimensions')];
  for (const d of input.dimensions) lines.push(`- ${d.id} · ${localize(d.name, lang)} (${d.weight}%)${d.description ? `: ${localize(d.description, lang)}` : ''}`);
  const s = input.scenario;
  if (s) {
    lines.push('', t('scenario', { summary: localize(s.summary, lang) }));
    if (s.key_points.length > 0) lines.push(t('keyPoints'), ...s.key_points.map((k) => `- ${localize(k.text, lang)}`));
    if (s.forbidden.length > 0) lines.push(t('forbidden'), ...s.forbidden.map((f) => `- ${localize(f.text, lang)}`));
  }
  lines.push('', t('transcript'));
  for (const turn of input.turns) lines.push('agent' in turn ? `${t('agent')}: ${turn.agent}` : `${t('customer')}: ${turn.customer}`);
  return [
    { role: 'system', content: t('system') },
    { role: 'user', content: lines.join('\n') },
  ];
}

/** The cache key: a hash of the transcript and everything else that shapes the verdict. */
export function judgeKey(input: JudgeInput, model: string): string {
  return hashOf({ v: JUDGE_PROMPT_VERSION, model, lang: input.lang, scenario: input.scenario?.id ?? null, turns: input.turns });
}

/** Read the model's JSON into a verdict; anything else is a `judge_invalid` result, never a throw. */
export function parseVerdict(content: string): { ok: true; verdict: JudgeVerdict } | { ok: false; detail: string } {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch {
    return { ok: false, detail: 'not JSON' };
  }
  const parsed = JudgeVerdict.safeParse(data);
  if (!parsed.success) return { ok: false, detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).join('; ') };
  const v = parsed.data;
  // Scores are whole points, like the rule engine's.
  const dims = Object.fromEntries(DimensionId.options.map((id) => [id, Math.round(v.dimensions[id])])) as JudgeVerdict['dimensions'];
  return { ok: true, verdict: { dimensions: dims, total: Math.round(v.total), comment: v.comment.trim() } };
}

export type JudgeOutcome =
  | { status: 'ok'; verdict: JudgeVerdict; cached: boolean; key: string }
  | { status: 'failed'; code: LlmNoticeCode; detail: string };

/**
 * Ask the model for its verdict (non-streamed, JSON Schema as `format`, temperature 0), or take it
 * from `cache` when this transcript was judged before. Failures come back as data with a notice
 * code; nothing is thrown. `timeoutMs` bounds the wait (the unanswered request is left to finish).
 */
export async function judgeTranscript(options: {
  client: LlmClient;
  model: string;
  input: JudgeInput;
  cache: JudgeCache;
  timeoutMs: number;
}): Promise<JudgeOutcome> {
  const key = judgeKey(options.input, options.model);
  const hit = options.cache.get(key);
  if (hit) return { status: 'ok', verdict: hit, cached: true, key };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
  });
  try {
    const request = options.client.chat({
      model: options.model,
      messages: buildJudgePrompt(options.input),
      format: JUDGE_FORMAT,
      stream: false,
      options: { ...JUDGE_OPTIONS },
    });
    request.catch(() => undefined); // a late failure after the time limit is of no interest
    const answer = await Promise.race([request, timedOut]);
    if (answer === 'timeout') return { status: 'failed', code: 'llm_timeout', detail: String(options.timeoutMs) };
    const parsed = parseVerdict(answer.message?.content ?? '');
    if (!parsed.ok) return { status: 'failed', code: 'judge_invalid', detail: parsed.detail };
    options.cache.set(key, parsed.verdict);
    return { status: 'ok', verdict: parsed.verdict, cached: false, key };
  } catch (e) {
    return { status: 'failed', ...classifyFailure(e, 'request') };
  } finally {
    clearTimeout(timer);
  }
}
