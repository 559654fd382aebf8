import { catalog, type Lang } from '../text/messages.ts';

/**
 * Problems found in an author's file, as data: a machine-readable code, a place, and the
 * parameters of the message. `renderIssue` is the one place that words them.
 */
export interface Issue {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly severity: 'error' | 'warning';
  readonly code: IssueCode;
  /** Path inside the document, e.g. `key_points.2.patterns.0`. */
  readonly path: string;
  readonly params: Readonly<Record<string, string | number>>;
}

const TEMPLATES = {
  file_unreadable: { en: 'cannot read the file: {reason}', zh: '无法读取文件:{reason}' },
  file_too_large: { en: 'file is {size} bytes; the limit is {limit}', zh: '文件大小 {size} 字节,超过上限 {limit}' },
  not_text: { en: 'file is not UTF-8 text', zh: '文件不是 UTF-8 文本' },
  yaml_syntax: { en: '{message}', zh: 'YAML 语法错误:{message}' },
  yaml_alias_limit: {
    en: 'too many YAML aliases (limit {limit}): expanding them would blow up the document',
    zh: 'YAML 别名过多(上限 {limit}),展开后文档会爆炸式增长',
  },
  yaml_too_deep: { en: 'nesting deeper than {limit} levels', zh: '嵌套超过 {limit} 层' },
  unknown_key: { en: "unknown key '{key}'{suggestion}", zh: "未知的键 '{key}'{suggestion}" },
  missing_key: { en: "missing required key '{key}'", zh: "缺少必填的键 '{key}'" },
  exclusive_keys: { en: 'use one of {keys} here, not both', zh: '这里只能用 {keys} 中的一个,不能同时写' },
  invalid_type: { en: 'expected {expected}, got {received}', zh: '应为 {expected},实际是 {received}' },
  invalid_value: { en: '{message}', zh: '取值无效:{message}' },
  too_small: { en: '{message}', zh: '太小或太少:{message}' },
  too_big: { en: '{message}', zh: '太大或太多:{message}' },
  bad_pattern: { en: 'bad pattern: {message}', zh: '模式写法有误:{message}' },
  duplicate_id: { en: "duplicate id '{id}' (first defined at {first})", zh: "重复的 id '{id}'(首次定义于 {first})" },
  unknown_reference: { en: "unknown {kind} '{id}'{suggestion}", zh: "未知的{kind} '{id}'{suggestion}" },
  weights_sum: { en: 'dimension weights add up to {sum}, not 100', zh: '各维度权重之和为 {sum},应为 100' },
  missing_section: { en: "the rubric has no '{section}' section", zh: "评分规则缺少 '{section}' 部分" },
  unknown_scenario: { en: "unknown scenario '{id}'{suggestion}", zh: "未知的场景 '{id}'{suggestion}" },
  no_files: { en: 'no .yaml files found', zh: '没有找到 .yaml 文件' },
  unreachable_beat: { en: "beat '{id}' can never play: {why}", zh: "情节 '{id}' 永远不会出现:{why}" },
  unreachable_ending: { en: "the '{ending}' ending's conditions can never hold: {why}", zh: "结局 '{ending}' 的条件永远无法满足:{why}" },
  ignored_when: {
    en: "'timeout' ignores 'when': the customer leaves as soon as patience runs out, so these conditions are never checked",
    zh: "'timeout' 不看 when:耐心一耗尽顾客就会离开,这里的条件从不会被检查",
  },
  key_point_unmatched: {
    en: "no model answer in {lang} makes key point '{id}': its patterns or the answers need rewording",
    zh: "没有一个{lang}示范回答做到了要点 '{id}':请调整它的模式或示范回答",
  },
  model_answer_low: {
    en: 'model answer {answer} ({lang}) scores {score} on its own scenario, below {min}: the scenario contradicts itself',
    zh: '示范回答 {answer}({lang})在本场景中只得 {score} 分,低于 {min}:场景自相矛盾',
  },
  no_endings: { en: 'no endings: the scenario can be scored but not practised', zh: '没有结局:该场景可以评分,但不能练习' },
  unknown_option: { en: "answer '{id}' is not one of the options ({options})", zh: "答案 '{id}' 不在选项中({options})" },
  unknown_step: { en: "unknown step '{id}'{suggestion}", zh: "未知的处理步骤 '{id}'{suggestion}" },
  unknown_question_type: {
    en: "unknown question type '{id}'{suggestion}; the types are {types}",
    zh: "未知的题型 '{id}'{suggestion};题型有 {types}",
  },
  reference_misses: {
    en: 'the reference answer ({lang}) does not hit its own key points: {ids}',
    zh: '参考答案({lang})没有命中自己的要点:{ids}',
  },
  unresolvable: {
    en: "every model answer must reach the 'resolved' ending; these do not: {detail}",
    zh: "每个示范回答都应走到“解决”结局,以下没有:{detail}",
  },
} as const;

export type IssueCode = keyof typeof TEMPLATES;
const template = catalog<IssueCode>(TEMPLATES);

/**
 * Why a beat or an ending can never happen: the `why` parameter of `unreachable_beat` and
 * `unreachable_ending` is one of these codes, worded here with the issue's other parameters.
 */
const WHY = {
  shown_and_missing: {
    en: 'it needs {signals} both in this reply and never shown so far',
    zh: '它要求 {signals} 既出现在本次回复里,又从未出现过',
  },
  any_but_missing: {
    en: 'it needs one of {signals} in this reply, yet none of them shown so far',
    zh: '它要求本次回复出现 {signals} 之一,又要求它们从未出现过',
  },
  after_loop: { en: "its 'after' chain loops back to '{beat}'", zh: "它的 after 链条绕回到了 '{beat}'" },
  after_never: { en: "it must come after beat '{beat}', which can never play", zh: "它必须在情节 '{beat}' 之后,而 '{beat}' 永远不会出现" },
  too_late: {
    en: 'it cannot happen before reply {turn}, but the customer runs out of patience at reply {patience}',
    zh: '它最早要到第 {turn} 次回复才可能出现,而顾客的耐心在第 {patience} 次回复时就耗尽了',
  },
  escalates_first: {
    en: 'it needs anger of at least {low}, but at {limit} the customer escalates first',
    zh: '它要求怒气至少 {low},而怒气到 {limit} 时顾客已经先升级投诉了',
  },
  resolves_first: {
    en: "at anger {anger_max} or less, trust {trust_min} or more and with {signals} shown, the customer accepts ('resolved') first",
    zh: '怒气不超过 {anger_max}、信任不低于 {trust_min} 且已出现 {signals} 时,顾客会先接受(“解决”结局)',
  },
  stage_moves_on: {
    en: 'it needs stage {stage}, but a reply showing {signals} moves the customer past it',
    zh: '它要求阶段为 {stage},但出现 {signals} 的回复会让顾客离开这个阶段',
  },
  resolve_anger: {
    en: 'it needs anger of at least {low}, but the customer only accepts at anger {anger_max} or less',
    zh: '它要求怒气至少 {low},而顾客只有在怒气不超过 {anger_max} 时才会接受',
  },
  resolve_trust: {
    en: 'it needs trust of at most {high}, but the customer only accepts at trust {trust_min} or more',
    zh: '它要求信任至多 {high},而顾客只有在信任不低于 {trust_min} 时才会接受',
  },
  resolve_missing: {
    en: 'it needs none of {signals} shown, but the customer only accepts once one of them was',
    zh: '它要求 {signals} 都从未出现,而顾客只有在其中之一出现后才会接受',
  },
  escalate_anger: {
    en: 'it needs anger of at most {high}, but the customer only escalates at {limit} (so only running out of patience can escalate)',
    zh: '它要求怒气至多 {high},而顾客要到 {limit} 才会升级投诉(因此只有耐心耗尽时才会升级)',
  },
} as const;
export type WhyCode = keyof typeof WHY;
const why = catalog<WhyCode>(WHY);

/** Word an issue's message in `lang`. */
export function renderIssue(issue: Issue, lang: Lang = 'en'): string {
  const params: Record<string, string | number> = { ...issue.params };
  if ('suggestion' in params) {
    const s = String(params.suggestion);
    params.suggestion = s ? (lang === 'zh' ? `,是不是想写 '${s}'?` : `, did you mean '${s}'?`) : '';
  }
  if (typeof params.why === 'string' && params.why in WHY) params.why = why(params.why as WhyCode, lang, params);
  if (issue.code === 'key_point_unmatched' || issue.code === 'model_answer_low') {
    const names: Record<string, string> = lang === 'zh' ? { zh: '中文', en: '英文' } : { zh: 'Chinese', en: 'English' };
    params.lang = names[String(params.lang)] ?? String(params.lang);
  }
  return template(issue.code, lang, params);
}

/** `file:line:col code message`, the format editors and CI understand. */
export function formatIssue(issue: Issue, lang: Lang = 'en'): string {
  const tag = issue.severity === 'warning' ? ' warning' : '';
  return `${issue.file}:${issue.line}:${issue.col}${tag} ${issue.code} ${renderIssue(issue, lang)}`;
}

/** Damerau-free edit distance, small inputs only (keys and ids). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate to `word`, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string {
  let best = '';
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : '';
}
