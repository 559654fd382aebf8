import { z } from 'zod';
import { DimensionId, FlagId, LocalText, Patterns, SignalId } from '../scenario/schema.ts';

/**
 * Rubric data as trainers write it under `scenarios/rubric/`. Any file there may hold any of the
 * sections; the loader merges them, so a trainer can add a file of extra lexicon entries.
 */
const Credit = z.partialRecord(DimensionId, z.number().min(0).max(100));

export const DimensionDef = z.strictObject({
  id: DimensionId,
  name: LocalText,
  /** Share of the total, in percent; the five weights must add up to 100. */
  weight: z.number().min(0).max(100),
  description: LocalText.optional(),
});

export const StepDef = z.strictObject({
  id: z.string().min(1),
  name: LocalText,
  /** The step counts as done in the first agent turn showing any of these signals. */
  done_by: z.array(SignalId).min(1),
  /** The step needs a fresh occurrence after this earlier step (e.g. "apologise again"). */
  after: z.string().optional(),
});

export const StepModelDef = z.strictObject({
  id: z.string().min(1),
  name: LocalText,
  source: z.string().optional(),
  steps: z.array(StepDef).min(1),
});

export const SignalDef = z.strictObject({
  id: SignalId,
  name: LocalText,
  /** courtesy signals are words of feeling; substance signals are things done or learned. */
  kind: z.enum(['courtesy', 'substance']),
  credit: Credit,
  patterns: Patterns,
  /** Stock phrasings: recognised, but worth only `weak_strength` of a sincere one. */
  weak_patterns: z.array(z.string().min(1)).default([]),
  weak_strength: z.number().min(0).max(1).default(0.4),
  /** Phrases that look like the signal but are not ("sorry, what was your number?"). */
  except: z.array(z.string().min(1)).default([]),
  advice: LocalText,
  praise: LocalText,
});

export const FlagDef = z.strictObject({
  id: FlagId,
  name: LocalText,
  patterns: Patterns,
  /** Points taken from each dimension when the flag is raised. */
  penalty: Credit,
  /** The total can be at most this when the flag is raised. */
  cap: z.number().min(0).max(100),
  /** Graver forms of the flag (e.g. buying silence), which cap the total at `severe_cap`. */
  severe_patterns: z.array(z.string().min(1)).default([]),
  severe_cap: z.number().min(0).max(100).optional(),
  /** false: a nearby "不"/"not" does not cancel it ("能不能听懂人话" is still rude). */
  negatable: z.boolean().default(true),
  /** Phrases that look like the flag but are not ("我做不了主,但我马上向经理申请"). */
  except: z.array(z.string().min(1)).default([]),
  advice: LocalText,
});

export const LanguageDef = z.strictObject({
  /** Words that negate a signal when they come shortly before it in the same clause. */
  negators: z.strictObject({ zh: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }),
  /** Compounds that contain a negator character but do not negate (对不起, 不好意思, 不便). */
  not_negators: z.array(z.string().min(1)).default([]),
  /** "Yes, but": courtesy followed by one of these in the same sentence is only partly heard. */
  but_words: z.array(z.string().min(1)).default([]),
  /** How far back a negator reaches: Chinese characters, English words. */
  window: z.strictObject({ zh: z.number().int().min(1).max(12), en: z.number().int().min(1).max(8) }),
  /**
   * A promise carried by somebody else ("会有同事联系您", "I'll pass this to the team"): these
   * signals, in a clause with one of these patterns, count only `scoring.handoff_strength`.
   */
  handoff: z
    .strictObject({ weakens: z.array(SignalId).min(1), patterns: z.array(z.string().min(1)).min(1) })
    .optional(),
});

/** What a calibration weight applies to (src/rubric/calibrate.ts computes each, 0–1). */
export const CalibrationFeature = z.enum([
  ...DimensionId.options,
  ...DimensionId.options.map((d) => `${d}_x_total` as const),
  ...FlagId.options,
  'key_points',
  'key_points_x_total',
  'steps',
  'steps_x_total',
  'extra_replies',
  'thin',
  'hollow',
  'total_squared',
  'first_person',
  'numbers',
  'customer_echo',
]);
export type CalibrationFeature = z.infer<typeof CalibrationFeature>;

/**
 * A small correction added to the total, fitted to trainers' grades by
 * test/bench/fit-calibration.ts: intercept + the sum of weight × feature.
 */
export const CalibrationDef = z.strictObject({
  intercept: z.number().min(-50).max(50),
  weights: z.partialRecord(CalibrationFeature, z.number().min(-100).max(100)),
  /** The correction is at most this many points either way. */
  max_adjustment: z.number().min(0).max(100),
});
export type CalibrationDef = z.infer<typeof CalibrationDef>;

export const ScoringDef = z.strictObject({
  /**
   * total = base + (100 − base) × (1 − e^(−w / saturation)), w the weighted dimension average,
   * before caps. Trainers' grades saturate: a few well-chosen moves already earn a good grade.
   */
  base: z.number().min(0).max(100),
  saturation: z.number().min(1).max(1000),
  /** A salad needs its signal phrases to cover at least this share of the reply. */
  salad_coverage: z.number().min(0).max(1),
  /** A transcript with courtesy but no substance can score at most this. */
  hollow_cap: z.number().min(0).max(100),
  /** A transcript with no firm time commitment anywhere can score at most this. */
  vague_cap: z.number().min(0).max(100),
  /**
   * A transcript whose only time is a hedged one ("尽快", "usually 3-5 days") can score at most
   * this: trainers grade a hedge below saying nothing about time, as a promise nobody owns.
   */
  hedged_cap: z.number().min(0).max(100).default(100),
  /**
   * A reply at least this strong before the caps (its flags' penalties already counted) that
   * still raises a non-severe red flag is capped at `strong_reply_flag_cap`, not the flag's cap.
   */
  strong_reply: z.number().min(0).max(101).default(101),
  strong_reply_flag_cap: z.number().min(0).max(100).default(0),
  /**
   * A conversation saying less than this many content units (src/text/content.ts) is too thin
   * to be a full handling: its total is scaled by 1 - thin_reply_slope * ln(full_reply_units / units),
   * never below thin_reply_floor. Saying more can never raise a total; 0 turns the scaling off.
   */
  full_reply_units: z.number().min(0).max(10000).default(0),
  thin_reply_slope: z.number().min(0).max(1).default(0),
  thin_reply_floor: z.number().min(0).max(1).default(1),
  /** Content units of a word pair that starts with a Chinese character. */
  han_pair_weight: z.number().min(0).max(1).default(0.6),
  /** A transcript with neither apology nor empathy anywhere can score at most this. */
  cold_cap: z.number().min(0).max(100),
  /** Substance weaker than this (a vague "as soon as possible") does not count as substance. */
  substance_min_strength: z.number().min(0).max(1),
  /** Strength left to courtesy followed by a "but" in the same sentence. */
  but_strength: z.number().min(0).max(1),
  /** Strength left to a promise handed to somebody else (see `language.handoff`). */
  handoff_strength: z.number().min(0).max(1).default(1),
  /** Empathy points lost when three or more turns apologise with nothing else in them. */
  repeated_apology_penalty: z.number().min(0).max(100),
  /** With a scenario, a missed key point takes this share of its weight from its dimension. */
  missed_key_point_factor: z.number().min(0).max(5),
  /** A transcript with no signal at all can score at most this. */
  empty_cap: z.number().min(0).max(100),
  /** Strength left to a turn judged to be a salad of stock phrases. */
  salad_strength: z.number().min(0).max(1),
  /** Longest reply scored, in characters; longer replies are cut with a notice. */
  max_reply_chars: z.number().int().min(100).max(100000),
  /** Most agent turns scored; later turns are ignored with a notice. */
  max_turns: z.number().int().min(1).max(1000),
  /** Omitted: the total is the engine's own, uncorrected. */
  calibration: CalibrationDef.optional(),
});

const SignalEffects = z.partialRecord(SignalId, z.number().min(-100).max(100));

/**
 * How a reply moves the simulated customer. Deltas are per signal, scaled by the signal's
 * strength, and counted once per reply; a signal already shown earlier counts `repeat_factor`.
 */
export const DynamicsDef = z.strictObject({
  start_trust: z.number().min(0).max(100),
  /** Anger change per signal, by the customer's motive (negative calms). */
  anger: z.strictObject({ vent: SignalEffects, respect: SignalEffects, compensation: SignalEffects }),
  /** Trust change per signal, by motive. */
  trust: z.strictObject({ vent: SignalEffects, respect: SignalEffects, compensation: SignalEffects }),
  /** Anger and trust change when a reply raises a red flag. */
  flags: z.partialRecord(FlagId, z.strictObject({ anger: z.number(), trust: z.number() })),
  /** Anger and trust change per scenario key point made. */
  key_point: z.strictObject({ anger: z.number(), trust: z.number() }),
  /** An apology with nothing else, when the customer has heard one before. */
  hollow_apology: z.strictObject({ anger: z.number(), trust: z.number() }),
  /** A reply in which the rubric hears nothing at all. */
  idle: z.strictObject({ anger: z.number(), trust: z.number() }),
  /** One reply can calm the customer by at most this much, and win at most this much trust. */
  max_calm_per_reply: z.number().min(1).max(100),
  max_trust_per_reply: z.number().min(1).max(100),
  /** Share of a signal's effect left when it was already shown in an earlier reply. */
  repeat_factor: z.number().min(0).max(1),
  /** The customer accepts when anger <= anger_max, trust >= trust_min and one of needs_any was shown. */
  resolve: z.strictObject({
    anger_max: z.number().min(0).max(100),
    trust_min: z.number().min(0).max(100),
    needs_any: z.array(SignalId).min(1),
  }),
  /** The customer walks out when anger reaches this. */
  escalate_anger: z.number().min(1).max(100),
  /** Stage moves: listening once acknowledged, negotiating once a fix is discussed, closing near agreement. */
  stages: z.strictObject({
    listening: z.array(SignalId).min(1),
    negotiating: z.array(SignalId).min(1),
    closing_anger_max: z.number().min(0).max(100),
  }),
  /** Lines when no scenario beat fits, by anger band (low < 40 <= mid < 70 <= high). */
  fallback: z.strictObject({ low: z.array(LocalText).min(3), mid: z.array(LocalText).min(3), high: z.array(LocalText).min(3) }),
});
export type DynamicsDef = z.infer<typeof DynamicsDef>;

export const RubricFile = z.strictObject({
  version: z.literal(1),
  dimensions: z.array(DimensionDef).optional(),
  step_models: z.array(StepModelDef).optional(),
  signals: z.array(SignalDef).optional(),
  flags: z.array(FlagDef).optional(),
  language: LanguageDef.optional(),
  scoring: ScoringDef.optional(),
  dynamics: DynamicsDef.optional(),
});
export type RubricFile = z.infer<typeof RubricFile>;

export type DimensionDef = z.infer<typeof DimensionDef>;
export type StepModelDef = z.infer<typeof StepModelDef>;
export type SignalDef = z.infer<typeof SignalDef>;
export type FlagDef = z.infer<typeof FlagDef>;
export type LanguageDef = z.infer<typeof LanguageDef>;
export type ScoringDef = z.infer<typeof ScoringDef>;

/** The merged rubric data: every section present exactly once. */
export interface RubricData {
  dimensions: DimensionDef[];
  step_models: StepModelDef[];
  signals: SignalDef[];
  flags: FlagDef[];
  language: LanguageDef;
  scoring: ScoringDef;
  dynamics: DynamicsDef;
}
