import { z } from 'zod';
import { RubricFile, type RubricData } from '../rubric/data.ts';
import { compilePattern, PatternError } from '../rubric/pattern.ts';
import { closest, type Issue, type IssueCode } from './issues.ts';
import { Scenario } from './schema.ts';
import { parseYaml, type ParsedFile } from './yaml.ts';

/** A source file as text: the core never touches the file system. */
export interface SourceFile {
  readonly file: string;
  readonly text: string;
}

type Path = (string | number)[];

function issueAt(parsed: ParsedFile<unknown>, file: string, code: IssueCode, path: Path, params: Record<string, string | number>, severity: Issue['severity'] = 'error'): Issue {
  const at = parsed.locate(path);
  return { file, line: at.line, col: at.col, severity, code, path: path.join('.'), params };
}

/** Every pattern list under `value` (by key name), with its path, for compile checks. */
function patternLists(value: unknown, path: Path = []): { path: Path; patterns: string[] }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => patternLists(v, [...path, i]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) =>
    (k === 'patterns' || k === 'weak_patterns' || k === 'severe_patterns' || k === 'except' || k === 'asked_by') && Array.isArray(v)
      ? [{ path: [...path, k], patterns: v as string[] }]
      : patternLists(v, [...path, k]),
  );
}

function patternIssues(parsed: ParsedFile<unknown>, file: string, value: unknown): Issue[] {
  const issues: Issue[] = [];
  for (const list of patternLists(value)) {
    list.patterns.forEach((p, i) => {
      try {
        compilePattern(p);
      } catch (e) {
        if (!(e instanceof PatternError)) throw e;
        issues.push(issueAt(parsed, file, 'bad_pattern', [...list.path, i], { message: e.message }));
      }
    });
  }
  return issues;
}

function duplicateIds(parsed: ParsedFile<unknown>, file: string, items: { id: string }[], path: Path): Issue[] {
  const first = new Map<string, number>();
  const issues: Issue[] = [];
  items.forEach((item, i) => {
    const prev = first.get(item.id);
    if (prev === undefined) first.set(item.id, i);
    else {
      const at = parsed.locate([...path, prev, 'id']);
      issues.push(issueAt(parsed, file, 'duplicate_id', [...path, i, 'id'], { id: item.id, first: `${file}:${at.line}:${at.col}` }));
    }
  });
  return issues;
}

/** A problem found by a check that works on the parsed scenario; located by its path. */
export interface ScenarioFinding {
  readonly path: Path;
  readonly code: IssueCode;
  readonly params: Record<string, string | number>;
  readonly severity: Issue['severity'];
}

/** Beats and endings: references that must exist, and beats that can never play. */
function beatFindings(s: Scenario): ScenarioFinding[] {
  const out: ScenarioFinding[] = [];
  const beatIds = s.beats.map((b) => b.id);
  const refs = (path: Path, kind: string, ids: readonly string[] | undefined, known: string[]) => {
    ids?.forEach((id, i) => {
      if (!known.includes(id)) out.push({ path: [...path, i], code: 'unknown_reference', params: { kind, id, suggestion: closest(id, known) }, severity: 'error' });
    });
  };
  const conditions: { path: Path; when: Scenario['beats'][number]['when'] }[] = [
    ...s.beats.map((b, i) => ({ path: ['beats', i, 'when'] as Path, when: b.when })),
    ...(s.endings ? (['resolved', 'escalated', 'timeout'] as const).map((e) => ({ path: ['endings', e, 'when'] as Path, when: s.endings![e].when })) : []),
  ];
  for (const { path, when } of conditions) {
    refs([...path, 'asked'], 'fact', when.asked, s.facts.map((f) => f.id));
    refs([...path, 'key_points'], 'key point', when.key_points, s.key_points.map((k) => k.id));
    if (when.after !== undefined && !beatIds.includes(when.after)) {
      out.push({ path: [...path, 'after'], code: 'unknown_reference', params: { kind: 'beat', id: when.after, suggestion: closest(when.after, beatIds) }, severity: 'error' });
    }
  }
  s.beats.forEach((b, i) => {
    const never = (reason: string) => out.push({ path: ['beats', i, 'id'], code: 'unreachable_beat', params: { id: b.id, reason }, severity: 'error' });
    const both = (b.when.signals ?? []).filter((x) => b.when.missing?.includes(x));
    if (both.length > 0) never(`it needs ${both.join(', ')} both shown and missing`);
    // Follow the chain of `after` references: a cycle, or a beat that can never play, blocks this one.
    const seen = new Set<string>([b.id]);
    for (let next = b.when.after; next !== undefined; ) {
      if (seen.has(next)) {
        never(`its 'after' chain loops back to '${next}'`);
        break;
      }
      seen.add(next);
      next = s.beats.find((x) => x.id === next)?.when.after;
    }
  });
  if (!s.endings) out.push({ path: ['id'], code: 'no_endings', params: {}, severity: 'warning' });
  return out;
}

export interface CheckedScenario {
  readonly file: string;
  readonly scenario?: Scenario;
  readonly issues: Issue[];
}

/**
 * Parse and check one scenario file: shape (zod), patterns that compile, unique ids inside the
 * file, and a step model the rubric knows. Never throws for bad input.
 */
export function checkScenario(
  source: SourceFile,
  rubric: RubricData | undefined,
  /** Further checks on a scenario that passed the others (e.g. playing its model answers). */
  deepCheck?: (scenario: Scenario) => ScenarioFinding[],
): CheckedScenario {
  const parsed = parseYaml(source.text, source.file, Scenario);
  if (!parsed.value) return { file: source.file, issues: parsed.issues };
  const s = parsed.value;
  const located = (f: ScenarioFinding) => issueAt(parsed, source.file, f.code, [...f.path], f.params, f.severity);
  const issues = [
    ...beatFindings(s).map(located),
    ...patternIssues(parsed, source.file, s),
    ...duplicateIds(parsed, source.file, s.facts, ['facts']),
    ...duplicateIds(parsed, source.file, s.key_points, ['key_points']),
    ...duplicateIds(parsed, source.file, s.forbidden, ['forbidden']),
  ];
  if (rubric && !rubric.step_models.some((m) => m.id === s.step_model)) {
    const ids = rubric.step_models.map((m) => m.id);
    issues.push(issueAt(parsed, source.file, 'unknown_reference', ['step_model'], { kind: 'step model', id: s.step_model, suggestion: closest(s.step_model, ids) }));
  }
  if (deepCheck && !issues.some((i) => i.severity === 'error')) issues.push(...deepCheck(s).map(located));
  const failed = issues.some((i) => i.severity === 'error');
  return failed ? { file: source.file, issues } : { file: source.file, scenario: s, issues };
}

/** Check scenario ids across a library: two files may not claim the same id. */
export function checkLibrary(checked: readonly CheckedScenario[], sources: readonly SourceFile[]): Issue[] {
  const seen = new Map<string, string>();
  const issues: Issue[] = [];
  for (const c of checked) {
    if (!c.scenario) continue;
    const prev = seen.get(c.scenario.id);
    const text = sources.find((s) => s.file === c.file)?.text ?? '';
    const parsed = parseYaml(text, c.file, z.unknown());
    if (prev) {
      issues.push(issueAt(parsed, c.file, 'duplicate_id', ['id'], { id: c.scenario.id, first: prev }));
    } else {
      const at = parsed.locate(['id']);
      seen.set(c.scenario.id, `${c.file}:${at.line}:${at.col}`);
    }
  }
  return issues;
}

export interface CheckedRubric {
  readonly data?: RubricData;
  readonly issues: Issue[];
}

/**
 * Parse the rubric files and merge them into one rubric: lists are concatenated, `language` and
 * `scoring` must appear once. Checks patterns, duplicate ids and that the weights add up to 100.
 */
export function checkRubric(sources: readonly SourceFile[]): CheckedRubric {
  const issues: Issue[] = [];
  const merged: Partial<RubricData> & { dimensions: RubricData['dimensions']; step_models: RubricData['step_models']; signals: RubricData['signals']; flags: RubricData['flags'] } = {
    dimensions: [],
    step_models: [],
    signals: [],
    flags: [],
  };
  for (const src of sources) {
    const parsed = parseYaml(src.text, src.file, RubricFile);
    issues.push(...parsed.issues);
    if (!parsed.value) continue;
    const v = parsed.value;
    issues.push(...patternIssues(parsed, src.file, v));
    for (const key of ['dimensions', 'step_models', 'signals', 'flags'] as const) {
      const list = v[key] as { id: string }[] | undefined;
      if (!list) continue;
      const before = merged[key] as { id: string }[];
      list.forEach((item, i) => {
        if (before.some((b) => b.id === item.id)) {
          issues.push(issueAt(parsed, src.file, 'duplicate_id', [key, i, 'id'], { id: item.id, first: 'another rubric file' }));
        }
      });
      (merged[key] as unknown[]).push(...list);
    }
    if (v.language) merged.language = v.language;
    if (v.scoring) merged.scoring = v.scoring;
    if (v.dynamics) merged.dynamics = v.dynamics;
  }
  const anchor = sources[0]?.file ?? 'rubric';
  const missing = (section: string): Issue => ({ file: anchor, line: 1, col: 1, severity: 'error', code: 'missing_section', path: section, params: { section } });
  for (const section of ['dimensions', 'step_models', 'signals', 'flags'] as const) {
    if (merged[section].length === 0) issues.push(missing(section));
  }
  if (!merged.language) issues.push(missing('language'));
  if (!merged.scoring) issues.push(missing('scoring'));
  if (!merged.dynamics) issues.push(missing('dynamics'));
  const sum = merged.dimensions.reduce((a, d) => a + d.weight, 0);
  if (merged.dimensions.length > 0 && Math.abs(sum - 100) > 1e-9) {
    issues.push({ file: anchor, line: 1, col: 1, severity: 'error', code: 'weights_sum', path: 'dimensions', params: { sum } });
  }
  if (issues.some((i) => i.severity === 'error')) return { issues };
  return { data: merged as RubricData, issues };
}
