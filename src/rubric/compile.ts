import type { Scenario } from '../scenario/schema.ts';
import { compilePattern, type CompiledPattern } from './pattern.ts';
import type { FlagDef, LanguageDef, RubricData, SignalDef } from './data.ts';
import { foldChars } from '../text/normalize.ts';

/** A rubric with every pattern compiled once, ready to score many transcripts. */
export interface CompiledRubric {
  readonly data: RubricData;
  readonly signals: readonly { def: SignalDef; strong: CompiledPattern[]; weak: CompiledPattern[]; except: CompiledPattern[] }[];
  readonly flags: readonly { def: FlagDef; patterns: CompiledPattern[]; severe: CompiledPattern[]; except: CompiledPattern[] }[];
  readonly negation: CompiledNegation;
}

export interface CompiledNegation {
  readonly zh: readonly string[];
  readonly en: ReadonlySet<string>;
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
}

const fold = (s: string) => foldChars(s).chars.join('');

/** Compile rubric data; throws PatternError on a malformed pattern (validation reports it first). */
export function compileRubric(data: RubricData): CompiledRubric {
  return {
    data,
    signals: data.signals.map((def) => ({
      def,
      strong: def.patterns.map(compilePattern),
      weak: def.weak_patterns.map(compilePattern),
      except: def.except.map(compilePattern),
    })),
    flags: data.flags.map((def) => ({
      def,
      patterns: def.patterns.map(compilePattern),
      severe: def.severe_patterns.map(compilePattern),
      except: def.except.map(compilePattern),
    })),
    negation: {
      zh: data.language.negators.zh.map(fold),
      en: new Set(data.language.negators.en.map(fold)),
      notNegators: data.language.not_negators.map(fold),
      butWords: data.language.but_words.map(fold),
      window: data.language.window,
    },
  };
}

/** Compile a scenario's patterns; throws PatternError on a malformed pattern. */
export function compileScenario(scenario: Scenario): CompiledScenario {
  return {
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
}
