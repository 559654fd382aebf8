import { z } from 'zod';

/**
 * A candidate's quiz progress: plain, versioned JSON that the terminal keeps in a file and the
 * browser in its own storage. Times are epoch milliseconds. Every review is logged with the
 * card's memory state before it, so an FSRS optimiser can be fitted later.
 */

export const PROGRESS_VERSION = 1;

export const CardState = z.enum(['new', 'learning', 'review', 'relearning']);
export type CardState = z.infer<typeof CardState>;

const Time = z.number().int().min(0);
const Rating = z.number().int().min(1).max(4);

/** One question's scheduling state (ts-fsrs's Card, JSON-safe). */
export const StoredCard = z.strictObject({
  due: Time,
  stability: z.number().min(0),
  difficulty: z.number().min(0),
  elapsed_days: z.number().min(0),
  scheduled_days: z.number().min(0),
  learning_steps: z.number().int().min(0),
  reps: z.number().int().min(0),
  lapses: z.number().int().min(0),
  state: CardState,
  last_review: Time.optional(),
  /** Forgotten again and again (see LEECH_LAPSES): shown to the candidate as needing another approach. */
  leech: z.boolean(),
});
export type StoredCard = z.infer<typeof StoredCard>;

/** One review, as it happened. */
export const ReviewRecord = z.strictObject({
  id: z.string(),
  at: Time,
  /** 1 Again, 2 Hard, 3 Good, 4 Easy: what the candidate chose. */
  rating: Rating,
  /** What the grade suggested. */
  suggested: Rating,
  /** The answer's score, 0–100. */
  score: z.number().min(0).max(100),
  /** The card before this review. */
  state: CardState,
  due: Time,
  stability: z.number().min(0),
  difficulty: z.number().min(0),
  elapsed_days: z.number().min(0),
  last_elapsed_days: z.number().min(0),
  scheduled_days: z.number().min(0),
  learning_steps: z.number().int().min(0),
});
export type ReviewRecord = z.infer<typeof ReviewRecord>;

/** Questions a practice report brought forward, until they are next reviewed. */
export const Boost = z.strictObject({
  at: Time,
  /** e.g. `step:accept_apologise`, `flag:blame`. */
  reasons: z.array(z.string()).min(1),
});
export type Boost = z.infer<typeof Boost>;

export const QuizProgress = z.strictObject({
  version: z.literal(PROGRESS_VERSION),
  cards: z.record(z.string(), StoredCard),
  log: z.array(ReviewRecord),
  boosts: z.record(z.string(), Boost),
});
export type QuizProgress = z.infer<typeof QuizProgress>;

/** Progress with nothing studied yet. */
export function emptyProgress(): QuizProgress {
  return { version: PROGRESS_VERSION, cards: {}, log: [], boosts: {} };
}

/** Why stored progress could not be read. */
export interface ProgressError {
  readonly code: 'progress_not_json' | 'progress_version' | 'progress_invalid';
  readonly detail: string;
}

export type ProgressResult = { ok: true; progress: QuizProgress } | { ok: false; error: ProgressError };

/**
 * Read stored progress. Corrupt text, a different version or a wrong shape come back as an
 * error value (never thrown), so the caller can report it and set the file aside.
 */
export function parseProgress(text: string): ProgressResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: { code: 'progress_not_json', detail: (e as Error).message } };
  }
  const version = (data as { version?: unknown } | null)?.version;
  if (typeof data === 'object' && data !== null && version !== PROGRESS_VERSION) {
    return { ok: false, error: { code: 'progress_version', detail: String(version) } };
  }
  const result = QuizProgress.safeParse(data);
  if (!result.success) {
    const first = result.error.issues[0]!;
    return { ok: false, error: { code: 'progress_invalid', detail: `${first.path.join('.')}: ${first.message}` } };
  }
  return { ok: true, progress: result.data };
}

/** Progress as stored: stable JSON with a final newline. */
export function serializeProgress(progress: QuizProgress): string {
  return `${JSON.stringify(progress)}\n`;
}
