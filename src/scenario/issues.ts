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
  unreachable_beat: { en: "beat '{id}' can never play: {reason}", zh: "情节 '{id}' 永远不会出现:{reason}" },
  no_endings: { en: 'no endings: the scenario can be scored but not practised', zh: '没有结局:该场景可以评分,但不能练习' },
  unresolvable: {
    en: "every model answer must reach the 'resolved' ending; these do not: {detail}",
    zh: "每个示范回答都应走到“解决”结局,以下没有:{detail}",
  },
} as const;

export type IssueCode = keyof typeof TEMPLATES;
const template = catalog<IssueCode>(TEMPLATES);

/** Word an issue's message in `lang`. */
export function renderIssue(issue: Issue, lang: Lang = 'en'): string {
  const params: Record<string, string | number> = { ...issue.params };
  if ('suggestion' in params) {
    const s = String(params.suggestion);
    params.suggestion = s ? (lang === 'zh' ? `,是不是想写 '${s}'?` : `, did you mean '${s}'?`) : '';
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
