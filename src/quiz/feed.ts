import type { QuizProgress } from './progress.ts';
import type { Question, QuizBank } from './schema.ts';

/**
 * The part of a practice report the quiz reads (a `ScoreReport` fits): which steps were done,
 * and which red flags were raised.
 */
export interface PracticeOutcome {
  readonly steps: readonly { readonly id: string; readonly done: boolean }[];
  readonly flags: readonly { readonly id: string }[];
}

/** At most this many questions are brought forward by one practice report, and per flag or step. */
export const FEED_LIMIT = 8;
export const FEED_PER_REASON = 3;

/**
 * Practice feeds the quiz: the questions linked to a red flag the report raised, then to a step it
 * missed, become due first (flags before steps, bank order within each; at most FEED_PER_REASON per
 * flag or step and `limit` in all). A question keeps its boost until it is next reviewed.
 * Returns new progress and the ids brought forward, with their reasons (`flag:blame`,
 * `step:accept_apologise`).
 */
export function feedPractice(
  progress: QuizProgress,
  bank: QuizBank,
  report: PracticeOutcome,
  now: number,
  limit: number = FEED_LIMIT,
): { progress: QuizProgress; boosted: string[] } {
  const flags = [...new Set(report.flags.map((f) => f.id))];
  const missed = report.steps.filter((s) => !s.done).map((s) => s.id);
  const reasons = new Map<string, string[]>();
  const bring = (reason: string, linked: (links: NonNullable<Question['links']>) => boolean) => {
    let taken = 0;
    for (const q of bank.questions) {
      if (!q.links || !linked(q.links)) continue;
      const list = reasons.get(q.id);
      if (list) list.push(reason);
      else if (taken < FEED_PER_REASON && reasons.size < limit) {
        reasons.set(q.id, [reason]);
        taken++;
      }
    }
  };
  for (const f of flags) bring(`flag:${f}`, (l) => (l.flags as readonly string[] | undefined)?.includes(f) ?? false);
  for (const s of missed) bring(`step:${s}`, (l) => l.steps?.includes(s) ?? false);
  if (reasons.size === 0) return { progress, boosted: [] };
  const boosts = { ...progress.boosts };
  for (const [id, why] of reasons) boosts[id] = { at: now, reasons: why };
  return { progress: { ...progress, boosts }, boosted: [...reasons.keys()] };
}
