import { z } from 'zod';
import { FlagId, LocalText, Motive, SignalId } from '../scenario/schema.ts';

/**
 * The question-bank format, version 1: one YAML file per topic group under `scenarios/quiz/`,
 * each holding a list of questions. Texts are `LocalText` (zh, en or both), as in scenarios.
 * Objects are strict so a typo'd key is reported instead of silently ignored.
 */

const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, - and _');

export const QuestionType = z.enum(['single', 'multiple', 'true_false', 'fill', 'short', 'case']);
export type QuestionType = z.infer<typeof QuestionType>;

/** The exam's subject areas (domain.md §6). */
export const Topic = z.enum([
  'servqual',
  'expectations',
  'service',
  'steps',
  'motives',
  'methods',
  'process',
  'policy',
  'complaint_view',
  'communication',
  'quality',
  'gaps',
  'promise',
  'pricing',
  'planning',
  'surveys',
  'performance',
  'service_process',
]);
export type Topic = z.infer<typeof Topic>;

/** What a question trains, in the practice engine's ids: a missed step or a raised flag brings it forward. */
export const Links = z.strictObject({
  /** Step ids from the rubric's step models (scenarios/rubric/steps.yaml). */
  steps: z.array(Id).min(1).optional(),
  flags: z.array(FlagId).min(1).optional(),
  signals: z.array(SignalId).min(1).optional(),
  motives: z.array(Motive).min(1).optional(),
});
export type Links = z.infer<typeof Links>;

export const ChoiceOption = z.strictObject({
  /** Usually a letter: a, b, c, d. */
  id: Id,
  text: LocalText,
});

/** One key point of an open answer, matched with the rubric's pattern language. */
export const QuizKeyPoint = z.strictObject({
  id: Id,
  text: LocalText,
  /** Share of the score relative to the other key points. */
  weight: z.number().positive().max(10).default(1),
  patterns: z.array(z.string().min(1)).min(1),
});
export type QuizKeyPoint = z.infer<typeof QuizKeyPoint>;

const common = {
  id: Id,
  topic: Topic,
  difficulty: z.number().int().min(1).max(3).default(2),
  prompt: LocalText,
  explanation: LocalText,
  /** Where the facts come from, e.g. "seed 003 §四". */
  source: z.string().min(1),
  links: Links.optional(),
};

export const SingleQuestion = z.strictObject({
  ...common,
  type: z.literal('single'),
  options: z.array(ChoiceOption).min(2).max(8),
  /** The id of the one correct option. */
  answer: Id,
});

export const MultipleQuestion = z.strictObject({
  ...common,
  type: z.literal('multiple'),
  options: z.array(ChoiceOption).min(3).max(8),
  /** The ids of every correct option (at least two). */
  answer: z.array(Id).min(2),
});

export const TrueFalseQuestion = z.strictObject({
  ...common,
  type: z.literal('true_false'),
  answer: z.boolean(),
});

export const FillQuestion = z.strictObject({
  ...common,
  type: z.literal('fill'),
  /** The expected words; both the zh and the en text are accepted. */
  answer: LocalText,
  /** Further accepted answers (compared after normalisation: width, case, Traditional/Simplified, punctuation). */
  accept: z.array(z.string().min(1)).default([]),
});

export const ShortQuestion = z.strictObject({
  ...common,
  type: z.literal('short'),
  /** The reference answer shown after grading. */
  answer: LocalText,
  key_points: z.array(QuizKeyPoint).min(1),
  /** Score (0–100) at or above which the answer counts as correct. */
  pass: z.number().int().min(1).max(100).default(60),
});

export const CaseQuestion = z.strictObject({
  ...common,
  type: z.literal('case'),
  /** The case the question is about. */
  case: LocalText,
  answer: LocalText,
  key_points: z.array(QuizKeyPoint).min(1),
  pass: z.number().int().min(1).max(100).default(60),
});

export const Question = z.discriminatedUnion('type', [
  SingleQuestion,
  MultipleQuestion,
  TrueFalseQuestion,
  FillQuestion,
  ShortQuestion,
  CaseQuestion,
]);
export type Question = z.infer<typeof Question>;
export type ChoiceQuestion = Extract<Question, { type: 'single' | 'multiple' }>;
export type OpenQuestion = Extract<Question, { type: 'short' | 'case' }>;

export const QuizFile = z.strictObject({
  version: z.literal(1),
  questions: z.array(Question).min(1),
});
export type QuizFile = z.infer<typeof QuizFile>;

/** A loaded bank: every question of every file, in file order. */
export interface QuizBank {
  readonly questions: readonly Question[];
}

export const isChoice = (q: Question): q is ChoiceQuestion => q.type === 'single' || q.type === 'multiple';
export const isOpen = (q: Question): q is OpenQuestion => q.type === 'short' || q.type === 'case';
