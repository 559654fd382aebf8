import { z } from 'zod';

/**
 * The scenario format, version 1. Every text a trainee reads may be given in `zh`, `en` or both;
 * a plain string is accepted as shorthand and shown in either language.
 * Objects are strict so a typo'd key is reported instead of silently ignored.
 */
export const LocalText = z.union([
  z.string().min(1),
  z
    .strictObject({ zh: z.string().min(1).optional(), en: z.string().min(1).optional() })
    .refine((t) => t.zh !== undefined || t.en !== undefined, { message: 'give the text in zh, en or both' }),
]);
export type LocalText = z.infer<typeof LocalText>;

export const SignalId = z.enum([
  'apology',
  'empathy',
  'thanks',
  'question',
  'preferred_outcome',
  'remedy',
  'commitment_time',
  'ownership',
  'escalation',
  'follow_up',
  'tangible',
  'explanation',
]);
export type SignalId = z.infer<typeof SignalId>;

export const FlagId = z.enum(['blame', 'deflect', 'rude', 'overpromise']);
export type FlagId = z.infer<typeof FlagId>;

export const DimensionId = z.enum(['reliability', 'responsiveness', 'assurance', 'empathy', 'tangibles']);
export type DimensionId = z.infer<typeof DimensionId>;

export const Motive = z.enum(['vent', 'respect', 'compensation']);
export type Motive = z.infer<typeof Motive>;

/** A pattern list in the rubric's small pattern language (see scenarios/README.md). */
export const Patterns = z.array(z.string().min(1)).min(1);

const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, - and _');

export const Fact = z.strictObject({
  id: Id,
  /** What the trainee might say when asking about this fact. */
  asked_by: Patterns,
  /** How the customer answers. */
  answer: LocalText,
});

export const KeyPoint = z.strictObject({
  id: Id,
  text: LocalText,
  /** The SERVQUAL dimension this key point credits. */
  dimension: DimensionId,
  /** Points added to that dimension when the trainee makes this point (0–40). */
  weight: z.number().min(0).max(40).default(10),
  patterns: Patterns,
});

export const ForbiddenMove = z.strictObject({
  id: Id,
  text: LocalText,
  /** The red flag raised when the trainee makes this move. */
  flag: FlagId,
  patterns: Patterns,
  /** Phrases that look like the move but are not (offering to go with the customer). */
  except: z.array(z.string().min(1)).default([]),
});

export const ModelAnswer = z.strictObject({
  label: LocalText,
  /** The agent's replies, in order. */
  replies: z.array(LocalText).min(1),
});

export const Stage = z.enum(['opening', 'listening', 'negotiating', 'closing']);
export type Stage = z.infer<typeof Stage>;

const Range = z
  .tuple([z.number().min(0).max(100), z.number().min(0).max(100)])
  .refine(([lo, hi]) => lo <= hi, { message: 'the range must go from low to high' });

/**
 * When a beat (or an ending) may be chosen. Every condition given must hold; "this reply" means
 * the trainee's latest reply, "so far" the whole conversation.
 */
export const Condition = z.strictObject({
  /** The customer's stage is one of these. */
  stage: z.array(Stage).min(1).optional(),
  /** Anger after this reply is within [low, high]. */
  anger: Range.optional(),
  /** Trust after this reply is within [low, high]. */
  trust: Range.optional(),
  /** This reply shows every one of these signals. */
  signals: z.array(SignalId).min(1).optional(),
  /** This reply shows at least one of these signals. */
  any_signals: z.array(SignalId).min(1).optional(),
  /** None of these signals has been shown so far. */
  missing: z.array(SignalId).min(1).optional(),
  /** This reply raised at least one of these red flags. */
  flags: z.array(FlagId).min(1).optional(),
  /** This reply asked about at least one of these facts (ids from `facts`). */
  asked: z.array(Id).min(1).optional(),
  /** This reply made at least one of these key points (ids from `key_points`). */
  key_points: z.array(Id).min(1).optional(),
  /** This beat has already been played (an id from `beats`). */
  after: Id.optional(),
  /** At least this many trainee replies so far. */
  min_turn: z.number().int().min(1).max(100).optional(),
});
export type Condition = z.infer<typeof Condition>;

export const Beat = z.strictObject({
  id: Id,
  when: Condition.default({}),
  /** Variants of the customer's line; the session's seed picks one not said before. */
  lines: z.array(LocalText).min(1),
  /** Play this beat at most once per session. */
  once: z.boolean().default(false),
  /** Move the customer to this stage when the beat plays. */
  goto: Stage.optional(),
});
export type Beat = z.infer<typeof Beat>;

export const Ending = z.strictObject({
  /** Extra conditions on top of the rubric's rule for this outcome. */
  when: Condition.default({}),
  lines: z.array(LocalText).min(1),
});

export const Endings = z.strictObject({
  resolved: Ending,
  escalated: Ending.extend({ threat: z.enum(['consumer_council', 'media', 'lawyer', 'regulator', 'manager']) }),
  timeout: Ending,
});
export type Endings = z.infer<typeof Endings>;

export const Scenario = z.strictObject({
  version: z.literal(1),
  id: Id,
  title: LocalText,
  summary: LocalText,
  difficulty: z.number().int().min(1).max(3).default(2),
  setting: z.strictObject({
    role: LocalText,
    place: LocalText,
    channel: z.enum(['face_to_face', 'phone', 'online']),
  }),
  customer: z.strictObject({
    name: LocalText,
    motive: Motive,
    anger: z.number().int().min(0).max(100),
    /** How many agent turns the customer will sit through before giving up. */
    patience: z.number().int().min(1).max(50),
  }),
  facts: z.array(Fact).default([]),
  opening: z.array(LocalText).min(1),
  /** Id of a step model in the rubric (six_step, counter, call_centre). */
  step_model: Id,
  key_points: z.array(KeyPoint).default([]),
  forbidden: z.array(ForbiddenMove).default([]),
  model_answers: z.array(ModelAnswer).min(2),
  /** What the customer says as the conversation goes; chosen by conditions, first match wins. */
  beats: z.array(Beat).default([]),
  /** How the conversation can end. Required for practice; scoring works without. */
  endings: Endings.optional(),
});
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;

/** A transcript to score: agent and customer turns in order. */
export const TranscriptTurn = z.union([
  z.strictObject({ customer: z.string() }),
  z.strictObject({ agent: z.string() }),
]);
export type TranscriptTurn = z.infer<typeof TranscriptTurn>;

export const Transcript = z.strictObject({
  scenario: z.string().optional(),
  locale: z.enum(['zh', 'en']).optional(),
  turns: z.array(TranscriptTurn),
});
export type Transcript = z.infer<typeof Transcript>;

/**
 * Reports give `turn` as an index into the transcript; people count their own replies. Maps the
 * index of each agent message to its 1-based reply number.
 */
export function replyNumbers(turns: readonly TranscriptTurn[]): Map<number, number> {
  const numbers = new Map<number, number>();
  turns.forEach((m, i) => {
    if ('agent' in m) numbers.set(i, numbers.size + 1);
  });
  return numbers;
}

/** Pick the text in `lang`, falling back to the other language. */
export function localize(text: LocalText, lang: 'zh' | 'en'): string {
  if (typeof text === 'string') return text;
  return (lang === 'zh' ? (text.zh ?? text.en) : (text.en ?? text.zh)) ?? '';
}
