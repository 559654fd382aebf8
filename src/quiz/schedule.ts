import { createEmptyCard, fsrs, generatorParameters, State, type Card, type Grade } from 'ts-fsrs';
import type { QuizGrade } from './grade.ts';
import type { CardState, QuizProgress, StoredCard } from './progress.ts';
import { isOpen, type Question, type QuizBank, type Topic } from './schema.ts';

/** 1 Again, 2 Hard, 3 Good, 4 Easy (ts-fsrs's ratings). */
export type QuizRating = 1 | 2 | 3 | 4;
export const RATINGS: readonly QuizRating[] = [1, 2, 3, 4];

/** A card forgotten this many times is flagged as a leech. */
export const LEECH_LAPSES = 4;
export const DEFAULT_NEW_PER_DAY = 20;
const MINUTE = 60_000;
const DAY = 86_400_000;

export interface ScheduleOptions {
  /** New questions introduced per day (default 20). */
  readonly newPerDay?: number;
  /** Only questions of this topic. */
  readonly topic?: Topic;
  /** The candidate's offset from UTC in minutes (UTC+8 → 480): where "today" starts. */
  readonly tzOffsetMinutes?: number;
  /** Learning steps due this soon count as due now (default 20 minutes), as in Anki. */
  readonly learnAheadMinutes?: number;
}

// Fuzz off: the same reviews at the same times always give the same schedule.
const scheduler = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: true }));

const STATE_NAMES: Record<State, CardState> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
};
const STATES: Record<CardState, State> = { new: State.New, learning: State.Learning, review: State.Review, relearning: State.Relearning };

function toCard(c: StoredCard): Card {
  return {
    due: new Date(c.due),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsed_days,
    scheduled_days: c.scheduled_days,
    learning_steps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: STATES[c.state],
    ...(c.last_review === undefined ? {} : { last_review: new Date(c.last_review) }),
  };
}

function fromCard(c: Card, leech: boolean): StoredCard {
  return {
    due: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsed_days,
    scheduled_days: c.scheduled_days,
    learning_steps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: STATE_NAMES[c.state],
    ...(c.last_review ? { last_review: c.last_review.getTime() } : {}),
    leech,
  };
}

/** The card of question `id` (a fresh one if it was never studied). */
export function cardOf(progress: QuizProgress, id: string, now: number): StoredCard {
  return progress.cards[id] ?? fromCard(createEmptyCard(new Date(now)), false);
}

/**
 * The rating a grade suggests; the candidate may change it. Exact answers to closed questions are
 * Good; open answers are Easy at 100, Good from 80, Hard from their pass mark; anything else Again
 * (a multiple-choice answer with half or more right is Hard).
 */
export function suggestRating(q: Question, grade: QuizGrade): QuizRating {
  if (isOpen(q)) {
    if (grade.score >= 100) return 4;
    if (grade.score >= 80) return 3;
    return grade.score >= q.pass ? 2 : 1;
  }
  if (grade.correct) return 3;
  return q.type === 'multiple' && grade.score >= 50 ? 2 : 1;
}

/**
 * Record a review of question `id` at `now` with `rating`: the card moves on by FSRS, the review
 * is logged (with the card's state before it), a practice boost on the question is used up, and
 * the card is flagged a leech once it has lapsed LEECH_LAPSES times. Returns new progress.
 */
export function reviewQuestion(
  progress: QuizProgress,
  id: string,
  rating: QuizRating,
  now: number,
  result: { score: number; suggested: QuizRating },
): QuizProgress {
  const before = cardOf(progress, id, now);
  const { card, log } = scheduler.next(toCard(before), new Date(now), rating as Grade);
  const boosts = { ...progress.boosts };
  delete boosts[id];
  return {
    ...progress,
    cards: { ...progress.cards, [id]: fromCard(card, before.leech || card.lapses >= LEECH_LAPSES) },
    log: [
      ...progress.log,
      {
        id,
        at: now,
        rating,
        suggested: result.suggested,
        score: result.score,
        state: STATE_NAMES[log.state],
        due: before.due,
        stability: log.stability,
        difficulty: log.difficulty,
        elapsed_days: log.elapsed_days,
        last_elapsed_days: log.last_elapsed_days,
        scheduled_days: log.scheduled_days,
        learning_steps: log.learning_steps,
      },
    ],
    boosts,
  };
}

/** When the question would next be due after each rating, for the rating buttons. */
export function previewDue(progress: QuizProgress, id: string, now: number): Record<QuizRating, number> {
  const preview = scheduler.repeat(toCard(cardOf(progress, id, now)), new Date(now));
  return { 1: preview[1].card.due.getTime(), 2: preview[2].card.due.getTime(), 3: preview[3].card.due.getTime(), 4: preview[4].card.due.getTime() };
}

/** The candidate's day number (days since 1970 in their time zone). */
export function dayOf(time: number, tzOffsetMinutes = 0): number {
  return Math.floor((time + tzOffsetMinutes * MINUTE) / DAY);
}

/** How many questions were studied for the first time on `now`'s day. */
export function newIntroducedToday(progress: QuizProgress, now: number, tzOffsetMinutes = 0): number {
  const today = dayOf(now, tzOffsetMinutes);
  return new Set(progress.log.filter((r) => r.state === 'new' && dayOf(r.at, tzOffsetMinutes) === today).map((r) => r.id)).size;
}

export interface DueCounts {
  readonly new: number;
  readonly learning: number;
  readonly review: number;
  /** Brought forward by a practice report (also counted in the other three). */
  readonly boosted: number;
}

export interface DueQueue {
  /** Question ids in the order to ask them. */
  readonly ids: readonly string[];
  readonly counts: DueCounts;
}

/** New questions in bank order, one topic at a time in turn, so a session mixes the topics. */
function interleaveByTopic(questions: readonly Question[]): Question[] {
  const byTopic = new Map<string, Question[]>();
  for (const q of questions) {
    const list = byTopic.get(q.topic);
    if (list) list.push(q);
    else byTopic.set(q.topic, [q]);
  }
  const lists = [...byTopic.values()];
  const out: Question[] = [];
  for (let i = 0; out.length < questions.length; i++) for (const l of lists) if (l[i]) out.push(l[i]!);
  return out;
}

/**
 * What to ask now: questions a practice report brought forward first, then learning steps that are
 * due (or due within the learn-ahead window), then reviews that are due (most overdue first), then
 * new questions up to what is left of today's new-question limit. Pure: `now` is passed in.
 */
export function dueQueue(bank: QuizBank, progress: QuizProgress, now: number, options: ScheduleOptions = {}): DueQueue {
  const tz = options.tzOffsetMinutes ?? 0;
  const aheadUntil = now + (options.learnAheadMinutes ?? 20) * MINUTE;
  const questions = bank.questions.filter((q) => options.topic === undefined || q.topic === options.topic);
  const boosted = questions
    .filter((q) => progress.boosts[q.id] !== undefined)
    .sort((a, b) => progress.boosts[b.id]!.at - progress.boosts[a.id]!.at);
  const rest = questions.filter((q) => progress.boosts[q.id] === undefined);
  const cardState = (q: Question) => progress.cards[q.id]?.state ?? 'new';
  const byDue = (a: Question, b: Question) => progress.cards[a.id]!.due - progress.cards[b.id]!.due;
  const learning = rest
    .filter((q) => (cardState(q) === 'learning' || cardState(q) === 'relearning') && progress.cards[q.id]!.due <= aheadUntil)
    .sort(byDue);
  const review = rest.filter((q) => cardState(q) === 'review' && progress.cards[q.id]!.due <= now).sort(byDue);
  const left = Math.max(0, (options.newPerDay ?? DEFAULT_NEW_PER_DAY) - newIntroducedToday(progress, now, tz));
  const fresh = interleaveByTopic(rest.filter((q) => cardState(q) === 'new')).slice(0, left);
  const kinds = (list: Question[], ...states: CardState[]) => list.filter((q) => states.includes(cardState(q))).length;
  return {
    ids: [...boosted, ...learning, ...review, ...fresh].map((q) => q.id),
    counts: {
      new: fresh.length + kinds(boosted, 'new'),
      learning: learning.length + kinds(boosted, 'learning', 'relearning'),
      review: review.length + kinds(boosted, 'review'),
      boosted: boosted.length,
    },
  };
}

/** Ids of the questions flagged as leeches, in bank order. */
export function leeches(bank: QuizBank, progress: QuizProgress): string[] {
  return bank.questions.filter((q) => progress.cards[q.id]?.leech).map((q) => q.id);
}
