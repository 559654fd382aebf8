import { describe, expect, it } from 'vitest';
import { feedPractice } from '../../src/quiz/feed.ts';
import { emptyProgress, parseProgress, serializeProgress, type QuizProgress } from '../../src/quiz/progress.ts';
import { dueQueue, leeches, LEECH_LAPSES, newIntroducedToday, previewDue, reviewQuestion, type QuizRating } from '../../src/quiz/schedule.ts';
import { quizStats } from '../../src/quiz/stats.ts';
import type { Question, QuizBank } from '../../src/quiz/schema.ts';
import { bank as shippedBank } from './helpers.ts';

const T0 = Date.UTC(2025, 0, 6, 9, 0); // Monday 09:00 UTC
const MIN = 60_000;
const DAY = 86_400_000;
const q = (id: string, topic: Question['topic'] = 'servqual', links?: Question['links']): Question =>
  ({ id, type: 'true_false', topic, difficulty: 1, prompt: id, explanation: 'e', source: 's', answer: true, ...(links ? { links } : {}) }) as Question;
const bank: QuizBank = { questions: [q('a1'), q('a2'), q('a3'), q('b1', 'steps'), q('b2', 'steps')] };
const review = (p: QuizProgress, id: string, rating: QuizRating, at: number) => reviewQuestion(p, id, rating, at, { score: rating > 1 ? 100 : 0, suggested: rating });

describe('scheduling with FSRS', () => {
  it('a new question answered Good comes back after the 10-minute learning step, then in days', () => {
    let p = review(emptyProgress(), 'a1', 3, T0);
    expect(p.cards.a1).toMatchObject({ state: 'learning', due: T0 + 10 * MIN, reps: 1, lapses: 0, leech: false });
    p = review(p, 'a1', 3, T0 + 10 * MIN);
    expect(p.cards.a1!.state).toBe('review');
    expect(p.cards.a1!.due).toBe(T0 + 10 * MIN + 2 * DAY);
  });

  it('previews the due time of each rating', () => {
    expect(previewDue(emptyProgress(), 'a1', T0)).toEqual({ 1: T0 + MIN, 2: T0 + 6 * MIN, 3: T0 + 10 * MIN, 4: T0 + 8 * DAY });
  });

  it('logs every review with the card state before it', () => {
    let p = review(emptyProgress(), 'a1', 3, T0);
    p = review(p, 'a1', 1, T0 + 10 * MIN);
    expect(p.log.map((r) => [r.id, r.at, r.rating, r.state, r.due])).toEqual([
      ['a1', T0, 3, 'new', T0],
      ['a1', T0 + 10 * MIN, 1, 'learning', T0 + 10 * MIN],
    ]);
    expect(Object.keys(p.log[0]!).sort()).toEqual([
      'at', 'difficulty', 'due', 'elapsed_days', 'id', 'last_elapsed_days', 'learning_steps', 'rating', 'scheduled_days', 'score', 'stability', 'state', 'suggested',
    ]);
  });

  it('counts due questions as new / learning / review, with a learn-ahead window', () => {
    let p = review(emptyProgress(), 'a1', 3, T0); // learning, due +10 min
    p = review(p, 'a2', 3, T0);
    p = review(p, 'a2', 3, T0 + 10 * MIN); // review, due in 2 days
    expect(dueQueue(bank, p, T0 + 11 * MIN).counts).toEqual({ new: 3, learning: 1, review: 0, boosted: 0 });
    // Learning cards due within 20 minutes count as due now.
    expect(dueQueue(bank, p, T0 - 5 * MIN).counts.learning).toBe(1);
    expect(dueQueue(bank, p, T0 - 15 * MIN, { learnAheadMinutes: 0 }).counts.learning).toBe(0);
    expect(dueQueue(bank, p, T0 + 10 * MIN + 2 * DAY).counts).toEqual({ new: 3, learning: 1, review: 1, boosted: 0 });
  });

  it('asks learning, then reviews, then new questions mixed by topic', () => {
    let p = review(emptyProgress(), 'a1', 3, T0);
    p = review(p, 'a2', 3, T0);
    p = review(p, 'a2', 3, T0 + 10 * MIN);
    expect(dueQueue(bank, p, T0 + 3 * DAY).ids).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
    expect(dueQueue(bank, emptyProgress(), T0).ids).toEqual(['a1', 'b1', 'a2', 'b2', 'a3']);
    expect(dueQueue(bank, emptyProgress(), T0, { topic: 'steps' }).ids).toEqual(['b1', 'b2']);
  });

  it('limits new questions per day, and the limit resets the next day in the candidate\'s time zone', () => {
    let p = emptyProgress();
    p = review(p, 'a1', 3, T0);
    p = review(p, 'b1', 1, T0 + MIN);
    expect(newIntroducedToday(p, T0 + 2 * MIN)).toBe(2);
    expect(dueQueue(bank, p, T0 + 2 * MIN, { newPerDay: 2 }).counts.new).toBe(0);
    expect(dueQueue(bank, p, T0 + 2 * MIN, { newPerDay: 3 }).counts.new).toBe(1);
    // 09:00 UTC on Monday is 17:00 in UTC+8; 16:00 UTC is already Tuesday there.
    expect(dueQueue(bank, p, T0 + 7 * 60 * MIN, { newPerDay: 2 }).counts.new).toBe(0);
    expect(dueQueue(bank, p, T0 + 7 * 60 * MIN, { newPerDay: 2, tzOffsetMinutes: 480 }).counts.new).toBe(2);
  });

  it(`flags a leech after ${LEECH_LAPSES} lapses`, () => {
    let p = review(emptyProgress(), 'a1', 3, T0);
    let t = T0 + 10 * MIN;
    p = review(p, 'a1', 3, t);
    for (let lapse = 1; lapse <= LEECH_LAPSES; lapse++) {
      expect(p.cards.a1!.leech, `before lapse ${lapse}`).toBe(false);
      t = p.cards.a1!.due;
      p = review(p, 'a1', 1, t); // forgotten: relearning
      expect(p.cards.a1!.lapses).toBe(lapse);
      t = p.cards.a1!.due;
      p = review(p, 'a1', 3, t); // relearnt
    }
    expect(p.cards.a1!.leech).toBe(true);
    expect(leeches(bank, p)).toEqual(['a1']);
  });

  it('the same reviews at the same times give the same schedule', () => {
    const run = () => [3, 3, 1, 3, 4].reduce<[QuizProgress, number]>(([p, t], r) => {
      const next = review(p, 'a1', r as QuizRating, t);
      return [next, next.cards.a1!.due];
    }, [emptyProgress(), T0])[0];
    expect(serializeProgress(run())).toBe(serializeProgress(run()));
  });
});

describe('statistics', () => {
  it('retention, reviews per day and streak', () => {
    let p = emptyProgress();
    // Three days in a row ending today, nothing the day before.
    p = review(p, 'a1', 3, T0 - 2 * DAY);
    p = review(p, 'a1', 3, T0 - 2 * DAY + 10 * MIN); // review state from here
    p = review(p, 'a1', 3, T0 - DAY + 60 * MIN); // a recall test, passed
    p = review(p, 'a2', 3, T0 - DAY);
    p = review(p, 'a1', 1, T0); // a recall test, failed
    const s = quizStats(p, T0 + MIN, { days: 7 });
    expect(s).toMatchObject({ reviews: 5, reviewsToday: 1, retention: 0.5, streak: 3, reviewsPerDay: 0.7 });
    expect(s.byDay.map((d) => `${d.date}:${d.reviews}`)).toEqual(['2024-12-31:0', '2025-01-01:0', '2025-01-02:0', '2025-01-03:0', '2025-01-04:2', '2025-01-05:2', '2025-01-06:1']);
    // Tomorrow morning, before any review, the streak still counts.
    expect(quizStats(p, T0 + DAY).streak).toBe(3);
    expect(quizStats(p, T0 + 2 * DAY).streak).toBe(0);
    expect(quizStats(emptyProgress(), T0).retention).toBeNull();
  });
});

describe('practice feeds the quiz', () => {
  const linked: QuizBank = {
    questions: [
      q('x1', 'steps', { steps: ['accept_apologise'] }),
      q('x2', 'steps', { flags: ['blame'] }),
      q('x3', 'steps', { steps: ['thank'] }),
      q('x4', 'steps'),
    ],
  };
  const report = { steps: [{ id: 'accept_apologise', done: false }, { id: 'thank', done: true }], flags: [{ id: 'blame' }] };

  it('makes questions on missed steps and raised flags due first, flags before steps', () => {
    let p = review(emptyProgress(), 'x1', 3, T0);
    p = review(p, 'x1', 3, T0 + 10 * MIN); // not due for days
    const fed = feedPractice(p, linked, report, T0 + DAY);
    expect(fed.boosted).toEqual(['x2', 'x1']);
    expect(fed.progress.boosts).toEqual({ x2: { at: T0 + DAY, reasons: ['flag:blame'] }, x1: { at: T0 + DAY, reasons: ['step:accept_apologise'] } });
    const queue = dueQueue(linked, fed.progress, T0 + DAY);
    expect(queue.ids.slice(0, 2)).toEqual(['x1', 'x2']);
    expect(queue.counts).toEqual({ new: 3, learning: 0, review: 1, boosted: 2 });
    // Reviewing a boosted question uses its boost up.
    const after = review(fed.progress, 'x1', 3, T0 + DAY);
    expect(Object.keys(after.boosts)).toEqual(['x2']);
  });

  it('a report with nothing missed changes nothing', () => {
    const p = emptyProgress();
    expect(feedPractice(p, linked, { steps: [{ id: 'thank', done: true }], flags: [] }, T0)).toEqual({ progress: p, boosted: [] });
  });

  it('brings at most 3 questions per reason and 8 in all from the shipped bank', () => {
    const missedAll = { steps: ['quiet_place', 'accept_apologise', 'explain', 'sympathise', 'solve_quickly', 'apologise_again', 'thank'].map((id) => ({ id, done: false })), flags: [{ id: 'overpromise' }, { id: 'deflect' }] };
    const fed = feedPractice(emptyProgress(), shippedBank, missedAll, T0);
    expect(fed.boosted.length).toBe(8);
    const reasons = Object.values(fed.progress.boosts).map((b) => b.reasons[0]!);
    expect(reasons.filter((r) => r === 'flag:overpromise').length).toBe(3);
    expect(reasons.filter((r) => r === 'flag:deflect').length).toBe(3);
  });
});

describe('progress as versioned JSON', () => {
  it('round-trips', () => {
    const p = review(emptyProgress(), 'a1', 3, T0);
    expect(parseProgress(serializeProgress(p))).toEqual({ ok: true, progress: p });
  });

  it('returns corrupt, foreign-version and wrongly shaped progress as an error value', () => {
    expect(parseProgress('{"version":1,"cards":{')).toMatchObject({ ok: false, error: { code: 'progress_not_json' } });
    expect(parseProgress('{"version":2,"cards":{},"log":[],"boosts":{}}')).toEqual({ ok: false, error: { code: 'progress_version', detail: '2' } });
    expect(parseProgress('{"version":1,"cards":{"a1":{"due":"soon"}},"log":[],"boosts":{}}')).toMatchObject({ ok: false, error: { code: 'progress_invalid' } });
    expect(parseProgress('null')).toMatchObject({ ok: false, error: { code: 'progress_invalid' } });
    expect(parseProgress('')).toMatchObject({ ok: false, error: { code: 'progress_not_json' } });
  });
});
