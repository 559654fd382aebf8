import { z } from 'zod';
import { RubricFile, type RubricData } from '../rubric/data.ts';
import { parsePattern, PatternError } from '../rubric/pattern.ts';
import { closest, type Issue, type IssueCode, type WhyCode } from './issues.ts';
import { Scenario, type Condition, type SignalId, type Stage } from './schema.ts';
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
const PATTERN_KEYS = new Set(['patterns', 'weak_patterns', 'severe_patterns', 'except', 'asked_by']);

/** Every list of patterns in a parsed file, with its path (one walk, paths copied only when found). */
function patternLists(value: unknown, path: (string | number)[] = [], out: { path: Path; patterns: string[] }[] = []) {
  if (value === null || typeof value !== 'object') return out;
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [k, v] of entries) {
    if (typeof k === 'string' && PATTERN_KEYS.has(k) && Array.isArray(v)) out.push({ path: [...path, k], patterns: v as string[] });
    else if (v !== null && typeof v === 'object') {
      path.push(k);
      patternLists(v, path, out);
      path.pop();
    }
  }
  return out;
}

function patternIssues(parsed: ParsedFile<unknown>, file: string, value: unknown): Issue[] {
  const issues: Issue[] = [];
  for (const list of patternLists(value)) {
    list.patterns.forEach((p, i) => {
      try {
        parsePattern(p);
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

type Why = { why: WhyCode } & Record<string, string | number>;
type Dynamics = RubricData['dynamics'];

/** A condition that contradicts itself, whatever the rubric: the key to point at and why. */
function selfContradiction(when: Condition): { key: string; why: Why } | undefined {
  const both = (when.signals ?? []).filter((x) => when.missing?.includes(x));
  if (both.length > 0) return { key: 'missing', why: { why: 'shown_and_missing', signals: both.join(', ') } };
  if (when.any_signals && when.missing && when.any_signals.every((x) => when.missing!.includes(x))) {
    return { key: 'missing', why: { why: 'any_but_missing', signals: when.any_signals.join(', ') } };
  }
  return undefined;
}

/**
 * A condition the rubric's dynamics rule out: stages only move forward after a reply (a reply
 * showing a listening signal leaves 'opening' behind; a negotiating signal leaves 'listening').
 */
function stageConflict(when: Condition, dyn: Dynamics): { key: string; why: Why } | undefined {
  if (!when.stage) return undefined;
  const stagesAfter = (sig: SignalId): Stage[] =>
    dyn.stages.negotiating.includes(sig)
      ? ['negotiating', 'closing']
      : dyn.stages.listening.includes(sig)
        ? ['listening', 'negotiating', 'closing']
        : ['opening', 'listening', 'negotiating', 'closing'];
  const fits = (sig: SignalId) => stagesAfter(sig).some((st) => when.stage!.includes(st));
  const stage = when.stage.join(', ');
  const blocked = (when.signals ?? []).filter((sig) => !fits(sig));
  if (blocked.length > 0) return { key: 'stage', why: { why: 'stage_moves_on', stage, signals: blocked.join(', ') } };
  if (when.any_signals && !when.any_signals.some(fits)) return { key: 'stage', why: { why: 'stage_moves_on', stage, signals: when.any_signals.join(', ') } };
  return undefined;
}

const isEmpty = (when: Condition) => Object.keys(when).length === 0;

/**
 * Beats and endings: references that must exist, and beats and endings that can never happen.
 * Only sound conclusions are drawn, each from a rule a trainer can check by hand: a condition that
 * contradicts itself (error), or one that the rubric's dynamics or the customer's patience rule
 * out (warning). With no rubric only the self-contradictions are checked.
 */
function beatFindings(s: Scenario, dyn: Dynamics | undefined): ScenarioFinding[] {
  const out: ScenarioFinding[] = [];
  const beatIds = s.beats.map((b) => b.id);
  const refs = (path: Path, kind: string, ids: readonly string[] | undefined, known: string[]) => {
    ids?.forEach((id, i) => {
      if (!known.includes(id)) out.push({ path: [...path, i], code: 'unknown_reference', params: { kind, id, suggestion: closest(id, known) }, severity: 'error' });
    });
  };
  const endingNames = ['resolved', 'escalated', 'timeout'] as const;
  const conditions: { path: Path; when: Condition }[] = [
    ...s.beats.map((b, i) => ({ path: ['beats', i, 'when'] as Path, when: b.when })),
    ...(s.endings ? endingNames.map((e) => ({ path: ['endings', e, 'when'] as Path, when: s.endings![e].when })) : []),
  ];
  for (const { path, when } of conditions) {
    refs([...path, 'asked'], 'fact', when.asked, s.facts.map((f) => f.id));
    refs([...path, 'key_points'], 'key point', when.key_points, s.key_points.map((k) => k.id));
    if (when.after !== undefined && !beatIds.includes(when.after)) {
      out.push({ path: [...path, 'after'], code: 'unknown_reference', params: { kind: 'beat', id: when.after, suggestion: closest(when.after, beatIds) }, severity: 'error' });
    }
  }

  // The earliest reply at which each beat can play (Infinity: never), following `after` chains:
  // a beat can only follow one that played at an earlier reply.
  const patience = s.customer.patience;
  const byId = new Map(s.beats.map((b, i) => [b.id, { beat: b, index: i }]));
  const earliest = new Map<string, number>();
  const earliestTurn = (id: string, visiting: Set<string>): number => {
    const known = earliest.get(id);
    if (known !== undefined) return known;
    const entry = byId.get(id);
    if (!entry || visiting.has(id)) return Infinity;
    visiting.add(id);
    const when = entry.beat.when;
    let turn = when.min_turn ?? 1;
    if (when.after !== undefined) turn = Math.max(turn, earliestTurn(when.after, visiting) + 1);
    // Beats play only while the customer still has patience: at reply `patience` an ending comes.
    const blocked = selfContradiction(when) !== undefined || (dyn !== undefined && stageConflict(when, dyn) !== undefined) || unreachableByDynamics(when, s, dyn) !== undefined;
    const result = blocked || turn >= patience ? Infinity : turn;
    earliest.set(id, result);
    visiting.delete(id);
    return result;
  };

  s.beats.forEach((b, i) => {
    const at = (key: string) => ['beats', i, 'when', key] as Path;
    const never = (key: string, reason: Why, severity: Issue['severity']) =>
      out.push({ path: key === 'id' ? ['beats', i, 'id'] : at(key), code: 'unreachable_beat', params: { id: b.id, ...reason }, severity });
    const contradiction = selfContradiction(b.when);
    if (contradiction) return never(contradiction.key, contradiction.why, 'error');
    // Follow the chain of `after` references: a cycle blocks every beat on it.
    const seen = new Set<string>([b.id]);
    for (let next = b.when.after; next !== undefined; ) {
      if (seen.has(next)) return never('after', { why: 'after_loop', beat: next }, 'error');
      seen.add(next);
      next = byId.get(next)?.beat.when.after;
    }
    const stage = dyn ? stageConflict(b.when, dyn) : undefined;
    if (stage) return never(stage.key, stage.why, 'warning');
    const dynamic = unreachableByDynamics(b.when, s, dyn);
    if (dynamic) return never(dynamic.key, dynamic.why, 'warning');
    const after = b.when.after;
    if (after !== undefined && byId.has(after) && earliestTurn(after, new Set()) === Infinity) {
      return never('after', { why: 'after_never', beat: after }, 'warning');
    }
    const turn = Math.max(b.when.min_turn ?? 1, after !== undefined && byId.has(after) ? earliestTurn(after, new Set()) + 1 : 1);
    if (turn >= patience) never(b.when.min_turn !== undefined && b.when.min_turn >= turn ? 'min_turn' : 'after', { why: 'too_late', turn, patience }, 'warning');
  });

  if (!s.endings) {
    out.push({ path: ['id'], code: 'no_endings', params: {}, severity: 'warning' });
    return out;
  }
  for (const name of endingNames) {
    const when = s.endings[name].when;
    if (isEmpty(when)) continue;
    const at = (key: string): Path => ['endings', name, 'when', key];
    if (name === 'timeout') {
      out.push({ path: ['endings', name, 'when'], code: 'ignored_when', params: {}, severity: 'warning' });
      continue;
    }
    const never = (key: string, reason: Why) => out.push({ path: at(key), code: 'unreachable_ending', params: { ending: name, ...reason }, severity: 'warning' });
    const contradiction = selfContradiction(when) ?? (dyn ? stageConflict(when, dyn) : undefined);
    if (contradiction) {
      never(contradiction.key, contradiction.why);
      continue;
    }
    if (dyn && name === 'resolved') {
      const { anger_max, trust_min, needs_any } = dyn.resolve;
      const before = out.length;
      if (when.anger && when.anger[0] > anger_max) never('anger', { why: 'resolve_anger', low: when.anger[0], anger_max });
      else if (when.trust && when.trust[1] < trust_min) never('trust', { why: 'resolve_trust', high: when.trust[1], trust_min });
      else if (when.missing && needs_any.every((x) => when.missing!.includes(x))) never('missing', { why: 'resolve_missing', signals: needs_any.join(', ') });
      if (out.length > before) continue;
    }
    if (dyn && name === 'escalated' && when.anger && when.anger[1] < dyn.escalate_anger) {
      never('anger', { why: 'escalate_anger', high: when.anger[1], limit: dyn.escalate_anger });
      continue;
    }
    // Endings are decided up to and including the last reply the customer's patience allows.
    const after = when.after;
    if (after !== undefined && byId.has(after) && earliestTurn(after, new Set()) === Infinity) {
      never('after', { why: 'after_never', beat: after });
      continue;
    }
    const turn = Math.max(when.min_turn ?? 1, after !== undefined && byId.has(after) ? earliestTurn(after, new Set()) + 1 : 1);
    if (turn > patience) never(when.min_turn !== undefined && when.min_turn >= turn ? 'min_turn' : 'after', { why: 'too_late', turn, patience });
  }
  return out;
}

/**
 * A beat condition that can hold only where an ending always comes first: anger at the escalation
 * level (when 'escalated' adds no conditions), or everything 'resolved' asks for.
 */
function unreachableByDynamics(when: Condition, s: Scenario, dyn: Dynamics | undefined): { key: string; why: Why } | undefined {
  if (!dyn || !s.endings) return undefined;
  if (when.anger && when.anger[0] >= dyn.escalate_anger && isEmpty(s.endings.escalated.when)) {
    return { key: 'anger', why: { why: 'escalates_first', low: when.anger[0], limit: dyn.escalate_anger } };
  }
  const { anger_max, trust_min, needs_any } = dyn.resolve;
  const resolving = [...(when.signals ?? []).filter((x) => needs_any.includes(x))];
  if (resolving.length === 0 && when.any_signals && when.any_signals.every((x) => needs_any.includes(x))) resolving.push(...when.any_signals);
  if (
    isEmpty(s.endings.resolved.when) &&
    when.anger && when.anger[1] <= anger_max &&
    when.trust && when.trust[0] >= trust_min &&
    resolving.length > 0
  ) {
    return { key: 'anger', why: { why: 'resolves_first', anger_max, trust_min, signals: resolving.join(', ') } };
  }
  return undefined;
}

export interface CheckedScenario {
  readonly file: string;
  readonly scenario?: Scenario;
  /** The scenario's id when it is valid (kept when a checker drops the scenario to save memory). */
  readonly id?: string;
  readonly issues: Issue[];
  /** Where the scenario's `id` is written (for duplicate-id reports across files). */
  readonly idAt?: { line: number; col: number };
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
    ...beatFindings(s, rubric?.dynamics).map(located),
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
  return failed ? { file: source.file, issues } : { file: source.file, scenario: s, id: s.id, issues, idAt: parsed.locate(['id']) };
}

/** Check scenario ids across a library: two files may not claim the same id. */
export function checkLibrary(checked: readonly CheckedScenario[], sources: readonly SourceFile[] = []): Issue[] {
  const seen = new Map<string, string>();
  const issues: Issue[] = [];
  for (const c of checked) {
    const id = c.id ?? c.scenario?.id;
    if (id === undefined) continue;
    const prev = seen.get(id);
    const at = c.idAt ?? parseYaml(sources.find((s) => s.file === c.file)?.text ?? '', c.file, z.unknown()).locate(['id']);
    if (prev) {
      issues.push({ file: c.file, line: at.line, col: at.col, severity: 'error', code: 'duplicate_id', path: 'id', params: { id, first: prev } });
    } else {
      seen.set(id, `${c.file}:${at.line}:${at.col}`);
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
