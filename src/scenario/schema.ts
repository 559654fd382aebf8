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

/** Pick the text in `lang`, falling back to the other language. */
export function localize(text: LocalText, lang: 'zh' | 'en'): string {
  if (typeof text === 'string') return text;
  return (lang === 'zh' ? (text.zh ?? text.en) : (text.en ?? text.zh)) ?? '';
}
