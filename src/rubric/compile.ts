import type { Scenario, SignalId } from '../scenario/schema.ts';
import { AnchorIndex, compilePattern, type CompiledPattern } from './pattern.ts';
import type { FlagDef, LanguageDef, RubricData, SignalDef } from './data.ts';
import { foldText } from '../text/normalize.ts';

/** A rubric with every pattern compiled once, ready to score many transcripts. */
export interface CompiledRubric {
  readonly data: RubricData;
  readonly signals: readonly { def: SignalDef; strong: CompiledPattern[]; weak: CompiledPattern[]; except: CompiledPattern[] }[];
  readonly flags: readonly { def: FlagDef; patterns: CompiledPattern[]; severe: CompiledPattern[]; except: CompiledPattern[] }[];
  readonly negation: CompiledNegation;
  /** Every anchor literal of the rubric's patterns, for a single scan per reply. */
  readonly anchors: AnchorIndex;
  /** Pattern id → the list it belongs to (a signal's strong patterns, a flag's exceptions, …). */
  readonly owners: PatternOwners;
  /** Signals that are words of feeling (apology, empathy, thanks), cancelled in a hostile turn. */
  readonly courtesy: ReadonlySet<SignalId>;
  /** Promises handed to somebody else: the signals they weaken, and the phrasings. */
  readonly handoff: { readonly weakens: ReadonlySet<SignalId>; readonly patterns: CompiledPattern[] };
}

/** Pattern id → the list that holds the pattern, so a match is filed under its list directly. */
export type PatternOwners = ReadonlyMap<number, readonly CompiledPattern[]>;

function ownersOf(lists: CompiledPattern[][]): { owners: PatternOwners; all: CompiledPattern[] } {
  const owners = new Map<number, CompiledPattern[]>();
  for (const list of lists) for (const p of list) owners.set(p.id, list);
  return { owners, all: lists.flat() };
}

export interface CompiledNegation {
  readonly zh: readonly string[];
  readonly en: ReadonlySet<string>;
  /** Any English negator word (or a word ending in n't): a cheap first check. */
  readonly enAny: RegExp;
  readonly notNegators: readonly string[];
  readonly butWords: readonly string[];
  readonly window: LanguageDef['window'];
}

/** The scenario's own patterns (key points, forbidden moves, facts), compiled. */
export interface CompiledScenario {
  readonly scenario: Scenario;
  readonly keyPoints: readonly { id: string; dimension: string; weight: number; patterns: CompiledPattern[] }[];
  readonly forbidden: readonly { id: string; flag: FlagDef['id']; patterns: CompiledPattern[]; except: CompiledPattern[] }[];
  readonly facts: readonly { id: string; patterns: CompiledPattern[] }[];
  /** Every anchor literal of the scenario's patterns. */
  readonly anchors: AnchorIndex;
  readonly owners: PatternOwners;
}


/** Compile rubric data; throws PatternError on a malformed pattern (validation reports it first). */
export function compileRubric(data: RubricData): CompiledRubric {
  const signals = data.signals.map((def) => ({
      def,
      strong: def.patterns.map(compilePattern),
      weak: def.weak_patterns.map(compilePattern),
      except: def.except.map(compilePattern),
    }));
  const flags = data.flags.map((def) => ({
      def,
      patterns: def.patterns.map(compilePattern),
      severe: def.severe_patterns.map(compilePattern),
      except: def.except.map(compilePattern),
    }));
  const handoff = { weakens: new Set(data.language.handoff?.weakens ?? []), patterns: (data.language.handoff?.patterns ?? []).map(compilePattern) };
  const { owners, all } = ownersOf([
    ...signals.flatMap((x) => [x.strong, x.weak, x.except]),
    ...flags.flatMap((x) => [x.patterns, x.severe, x.except]),
    handoff.patterns,
  ]);
  return {
    data,
    signals,
    flags,
    anchors: new AnchorIndex(all),
    owners,
    courtesy: new Set(data.signals.filter((s) => s.kind === 'courtesy').map((s) => s.id)),
    handoff,
    negation: {
      zh: data.language.negators.zh.map(foldText),
      en: new Set(data.language.negators.en.map(foldText)),
      enAny: new RegExp(
        `(?<![a-z0-9'])(${data.language.negators.en.map((w) => foldText(w).replace(/[^a-z0-9']/g, '')).join('|')}|[a-z]+n't)(?![a-z0-9'])`,
      ),
      notNegators: data.language.not_negators.map(foldText),
      butWords: data.language.but_words.map(foldText),
      window: data.language.window,
    },
  };
}

// Scenarios are immutable once parsed, so the dialogue engine and the scorer can share one compile.
const compiledScenarios = new WeakMap<Scenario, CompiledScenario>();

/** Compile a scenario's patterns (once per scenario object); throws PatternError on a malformed pattern. */
export function compileScenario(scenario: Scenario): CompiledScenario {
  let done = compiledScenarios.get(scenario);
  if (!done) compiledScenarios.set(scenario, (done = compileScenarioNow(scenario)));
  return done;
}

function compileScenarioNow(scenario: Scenario): CompiledScenario {
  const compiled = {
    scenario,
    keyPoints: scenario.key_points.map((k) => ({
      id: k.id,
      dimension: k.dimension,
      weight: k.weight,
      patterns: k.patterns.map(compilePattern),
    })),
    forbidden: scenario.forbidden.map((f) => ({
      id: f.id,
      flag: f.flag,
      patterns: f.patterns.map(compilePattern),
      except: f.except.map(compilePattern),
    })),
    facts: scenario.facts.map((f) => ({ id: f.id, patterns: f.asked_by.map(compilePattern) })),
  };
  const { owners, all } = ownersOf([
    ...compiled.keyPoints.map((k) => k.patterns),
    ...compiled.forbidden.flatMap((f) => [f.patterns, f.except]),
    ...compiled.facts.map((f) => f.patterns),
  ]);
  return { ...compiled, anchors: new AnchorIndex(all), owners };
}
