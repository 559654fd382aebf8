import type { QuizProgress } from './progress.ts';
import { dayOf } from './schedule.ts';

export interface QuizStats {
  /** Every review ever logged. */
  readonly reviews: number;
  readonly reviewsToday: number;
  /** Average reviews per day over the last `days` days (counting days without reviews). */
  readonly reviewsPerDay: number;
  /**
   * Share of recall tests passed (a review of a card in the review state not rated Again) over
   * the last `days` days; null when there were none.
   */
  readonly retention: number | null;
  /** Days in a row with at least one review, ending today (or yesterday, if today has none yet). */
  readonly streak: number;
  /** Reviews per day for the last `days` days, oldest first; dates are YYYY-MM-DD in the candidate's zone. */
  readonly byDay: readonly { date: string; reviews: number }[];
}

/** The ISO date of a day number (no Intl: the day number already carries the time zone). */
const isoDate = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * Study statistics at `now`: retention, reviews per day and the streak. Pure; the window is the
 * last `days` days (default 30) in the candidate's time zone.
 */
export function quizStats(progress: QuizProgress, now: number, options: { tzOffsetMinutes?: number; days?: number } = {}): QuizStats {
  const tz = options.tzOffsetMinutes ?? 0;
  const window = options.days ?? 30;
  const today = dayOf(now, tz);
  const perDay = new Map<number, number>();
  for (const r of progress.log) {
    const d = dayOf(r.at, tz);
    perDay.set(d, (perDay.get(d) ?? 0) + 1);
  }
  const recent = progress.log.filter((r) => dayOf(r.at, tz) > today - window && r.at <= now);
  const tests = recent.filter((r) => r.state === 'review');
  let streak = 0;
  for (let d = perDay.has(today) ? today : today - 1; perDay.has(d); d--) streak++;
  const byDay = Array.from({ length: window }, (_, i) => today - window + 1 + i).map((d) => ({ date: isoDate(d), reviews: perDay.get(d) ?? 0 }));
  return {
    reviews: progress.log.length,
    reviewsToday: perDay.get(today) ?? 0,
    reviewsPerDay: Math.round((recent.length / window) * 10) / 10,
    retention: tests.length === 0 ? null : Math.round((tests.filter((r) => r.rating > 1).length / tests.length) * 1000) / 1000,
    streak,
    byDay,
  };
}
