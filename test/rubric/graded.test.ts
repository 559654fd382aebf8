// Agreement with expert grades. dev and dev-b to dev-zl were used for tuning; holdout and holdout-b to holdout-l
// never were (their items are not printed by any tool here). Targets from the issue: holdout Spearman >= 0.90, MAE <= 12.
import { describe, expect, it } from 'vitest';
import { agreementOf, HOLDOUT_SETS, scoreGradedSet } from '../bench/agreement.ts';

// Guards just below each set's level as last measured (2026-11-22), so a regression fails loudly.
// dev-d (phone and letter register) and dev-e to dev-h (written blind, graded more harshly,
// many replies that miss the customer's real need or hedge the time) are the newest sets; their
// figures are lower and so are their guards. They keep known misses in view: one disputed flag each
// in dev-e (the pump case's 'passed to the repair department') and dev-f ('是是是,您说得对' heard as
// rude), and a few stuffing traps over-credited by more than 25 points.
const GUARDS = {
  // dev, dev-b and dev-c were graded more generously than later sets (the engine is 8-12 points
  // under them since the thin-reply scaling), hence their wider MAE bounds.
  dev: { spearman: 0.94, mae: 12, within20: 0.82, maxError: 35, flagsCaught: 0.9, falseAlarms: 0, trapSlack: 25 },
  'dev-b': { spearman: 0.92, mae: 10, within20: 0.9, maxError: 42, flagsCaught: 0.93, falseAlarms: 0, trapSlack: 25 },
  'dev-c': { spearman: 0.91, mae: 10.5, within20: 0.87, maxError: 40, flagsCaught: 0.9, falseAlarms: 0, trapSlack: 25 },
  // dev-d's one "false alarm" is d-yf-zh-029: its grader's note says it tries to buy her silence
  // ("消协就别去了,网上也别发了"), but its flag list leaves overpromise out.
  'dev-d': { spearman: 0.9, mae: 9.5, within20: 0.9, maxError: 40, flagsCaught: 0.7, falseAlarms: 1, trapSlack: 25 },
  'dev-e': { spearman: 0.87, mae: 11, within20: 0.84, maxError: 50, flagsCaught: 0.85, falseAlarms: 1, trapSlack: 40 },
  'dev-f': { spearman: 0.86, mae: 13, within20: 0.78, maxError: 55, flagsCaught: 0.83, falseAlarms: 1, trapSlack: 45 },
  'dev-g': { spearman: 0.85, mae: 14, within20: 0.7, maxError: 50, flagsCaught: 0.85, falseAlarms: 0, trapSlack: 40 },
  'dev-h': { spearman: 0.91, mae: 11.5, within20: 0.83, maxError: 50, flagsCaught: 0.6, falseAlarms: 0, trapSlack: 50 },
  'dev-i': { spearman: 0.91, mae: 10.5, within20: 0.85, maxError: 45, flagsCaught: 0.85, falseAlarms: 1, trapSlack: 40 },
  'dev-j': { spearman: 0.91, mae: 10.5, within20: 0.82, maxError: 45, flagsCaught: 0.62, falseAlarms: 1, trapSlack: 25 },
  // dev-k's writer counts a helpful-sounding handoff to another team as deflection; the rubric
  // hears it as a weakened promise, hence the low share of flags caught.
  'dev-k': { spearman: 0.85, mae: 11, within20: 0.8, maxError: 45, flagsCaught: 0.45, falseAlarms: 1, trapSlack: 40 },
  // dev-l is built around flags: good replies that only sound like one, and quiet real ones (many
  // still missed, hence its low share caught and the 48-point trap it over-credits).
  'dev-l': { spearman: 0.87, mae: 11, within20: 0.85, maxError: 60, flagsCaught: 0.4, falseAlarms: 1, trapSlack: 50 },
  'dev-m': { spearman: 0.9, mae: 10.5, within20: 0.83, maxError: 50, flagsCaught: 0.52, falseAlarms: 1, trapSlack: 30 },
  // dev-n: real classroom replies (first contact 0.887 / 10.7, engine at 7688fcc).
  'dev-n': { spearman: 0.92, mae: 9.5, within20: 0.9, maxError: 35, flagsCaught: 0.6, falseAlarms: 1, trapSlack: 25 },
  // dev-o: short and medium replies (first contact 0.919 / 9.1); dev-p: does the reply answer the
  // customer's stated need (first contact 0.904 / 9.6)?
  'dev-o': { spearman: 0.9, mae: 10, within20: 0.86, maxError: 35, flagsCaught: 0.5, falseAlarms: 0, trapSlack: 30 },
  'dev-p': { spearman: 0.92, mae: 10, within20: 0.88, maxError: 45, flagsCaught: 0.55, falseAlarms: 0, trapSlack: 25 },
  // dev-q: many voices and settings (first contact 0.889 / 10.5). Its writer flags quiet moves the
  // lexicon does not hear yet (a cheerful transfer, mock-polite sneers), hence the low share caught.
  'dev-q': { spearman: 0.9, mae: 10, within20: 0.9, maxError: 45, flagsCaught: 0.35, falseAlarms: 1, trapSlack: 45 },
  // dev-r: whole conversations, recoveries and collapses (first contact 0.896 / 10.0, engine at
  // 1472254). dev-s: stated needs met fully, partly, late or not at all (first contact 0.840 / 11.0):
  // polished replies that miss what this customer asked for are the engine's known blind spot.
  // After the first round on it (three false flags on good replies, a missed bribe): 0.887 / 9.7.
  'dev-r': { spearman: 0.88, mae: 10.5, within20: 0.85, maxError: 55, flagsCaught: 0.55, falseAlarms: 2, trapSlack: 55 },
  'dev-s': { spearman: 0.87, mae: 10, within20: 0.84, maxError: 45, flagsCaught: 0.55, falseAlarms: 3, trapSlack: 45 },
  // dev-t (many trainee voices: texting, fragments, formal, non-native, colloquial), dev-u (a
  // busy-shift sample) and dev-v (the hard middle: partial handling, recoveries and slips). First
  // contact, engine at f972f3b: 0.892 / 10.4, 0.937 / 8.0 and 0.831 / 11.5. After the round on
  // them (false flags on honest limits and internal escalation, quiet bribes and blame, terse
  // remedies): 0.916 / 9.2, 0.945 / 7.4 and 0.914 / 9.2.
  'dev-t': { spearman: 0.9, mae: 9.5, within20: 0.88, maxError: 40, flagsCaught: 0.68, falseAlarms: 3, trapSlack: 28 },
  'dev-u': { spearman: 0.93, mae: 8, within20: 0.92, maxError: 35, flagsCaught: 0.48, falseAlarms: 0, trapSlack: 15 },
  'dev-v': { spearman: 0.9, mae: 10, within20: 0.9, maxError: 32, flagsCaught: 0.48, falseAlarms: 1, trapSlack: 30 },
  // dev-w (everyday complaints across businesses and channels), dev-x (the nine scenarios in depth)
  // and dev-y (short replies; its grader rates them 9 points above the engine). First contact,
  // engine at edf0328: 0.897 / 9.0, 0.937 / 8.2 and 0.902 / 12.5. The calibration (fitted on all
  // dev sets) adds about 3 points to hollow replies, hence the trap slack of dev-t, dev-w and dev-y
  // 3 points above their first contact. After the round on them (false flags on honest limits,
  // an invitation to talk heard as a dare; another department's number to ring): 0.919 / 8.3,
  // 0.951 / 6.6 and 0.941 / 9.8.
  'dev-w': { spearman: 0.9, mae: 9, within20: 0.9, maxError: 38, flagsCaught: 0.5, falseAlarms: 1, trapSlack: 33 },
  'dev-x': { spearman: 0.93, mae: 7.5, within20: 0.92, maxError: 38, flagsCaught: 0.6, falseAlarms: 1, trapSlack: 18 },
  // dev-z (good replies with words that resemble red flags, beside quiet real ones) and dev-za
  // (short and dense). First contact, engine at 89e216b (calibrated): 0.860 / 8.7 and 0.915 / 10.3
  // (0.864 / 9.1 and 0.905 / 11.5 without the calibration). After the round on them: 0.922 / 6.0
  // and 0.931 / 9.9.
  'dev-z': { spearman: 0.9, mae: 7, within20: 0.92, maxError: 30, flagsCaught: 0.68, falseAlarms: 0, trapSlack: 28 },
  'dev-za': { spearman: 0.91, mae: 10.5, within20: 0.88, maxError: 35, flagsCaught: 0.48, falseAlarms: 1, trapSlack: 30 },
  'dev-y': { spearman: 0.92, mae: 10.5, within20: 0.84, maxError: 38, flagsCaught: 0.5, falseAlarms: 0, trapSlack: 25 },
  // dev-zb (a balanced sample), dev-zc (many trainee voices) and dev-zd (stated needs met, half
  // met or missed behind polished words). First contact, engine at 43917a9 (wording in the
  // calibration): 0.917 / 7.7, 0.914 / 8.1 and 0.877 / 11.0 (0.913 / 8.0, 0.910 / 8.6 and
  // 0.863 / 11.6 with the calibration from before the wording). After the round on them (false
  // flags on clearing the customer, good wishes, flustered apologies, goodwill vouchers; missed
  // bribes for silence, department numbers and branches to file at): 0.924 / 7.4, 0.963 / 6.0
  // and 0.922 / 9.2.
  'dev-zb': { spearman: 0.91, mae: 8, within20: 0.9, maxError: 50, flagsCaught: 0.55, falseAlarms: 2, trapSlack: 15 },
  'dev-zc': { spearman: 0.94, mae: 7, within20: 0.96, maxError: 30, flagsCaught: 0.65, falseAlarms: 1, trapSlack: 20 },
  'dev-zd': { spearman: 0.9, mae: 10.5, within20: 0.85, maxError: 50, flagsCaught: 0.58, falseAlarms: 1, trapSlack: 22 },
  // dev-ze (the hard middle), dev-zf (trainee voices under pressure) and dev-zg (whole
  // conversations). First contact, engine at 73d1946: 0.873 / 10.3, 0.895 / 9.1 and 0.940 / 8.1
  // (0.873 / 10.1, 0.888 / 9.5 and 0.934 / 8.1 with the calibration from before the wording).
  // After the round on them (false flags on reporting what she was called, a curt but promising
  // 'wait for news', an honest 'more than I can approve'; missed: pushing the loss back on him,
  // other desks, jokes at her expense, past damage blamed, a private payment to bury a review):
  // 0.929 / 8.6, 0.914 / 8.2 and 0.954 / 6.8.
  'dev-ze': { spearman: 0.91, mae: 9.5, within20: 0.93, maxError: 35, flagsCaught: 0.58, falseAlarms: 1, trapSlack: 26 },
  'dev-zf': { spearman: 0.9, mae: 9, within20: 0.9, maxError: 55, flagsCaught: 0.62, falseAlarms: 1, trapSlack: 15 },
  'dev-zg': { spearman: 0.94, mae: 7.5, within20: 0.94, maxError: 30, flagsCaught: 0.62, falseAlarms: 2, trapSlack: 24 },
  // dev-zh (everyday complaints across businesses) and dev-zi (sounds good but is not, sounds
  // rough but is good). First contact, engine at 968f121: 0.941 / 7.2 and 0.909 / 8.8 (0.931 / 7.7
  // and 0.910 / 9.1 with the calibration from before the wording). After a short round (a refusal
  // heard as a promise, a snap 'not a quality problem', 我现在就拍板): 0.947 / 6.9 and 0.926 / 8.1.
  'dev-zh': { spearman: 0.92, mae: 8, within20: 0.94, maxError: 32, flagsCaught: 0.55, falseAlarms: 1, trapSlack: 32 },
  'dev-zi': { spearman: 0.9, mae: 9.5, within20: 0.9, maxError: 45, flagsCaught: 0.64, falseAlarms: 1, trapSlack: 18 },
  // dev-zj (the hard middle again), dev-zk (voices under pressure again) and dev-zl (stated needs
  // again). First contact, engine at c3363cb: 0.848 / 10.4, 0.906 / 8.6 and 0.885 / 11.7 (0.843 /
  // 10.7, 0.900 / 8.7 and 0.862 / 12.1 with the calibration from before the wording). After the
  // round on them (another team's number for the loss, staff excuses, a guarantee the agent cannot
  // keep, sarcasm about the city; no blame for 'you should expect to be contacted'): 0.892 / 8.9,
  // 0.935 / 7.6 and 0.902 / 11.2.
  'dev-zj': { spearman: 0.87, mae: 10, within20: 0.9, maxError: 40, flagsCaught: 0.62, falseAlarms: 1, trapSlack: 25 },
  'dev-zk': { spearman: 0.91, mae: 8.5, within20: 0.92, maxError: 45, flagsCaught: 0.5, falseAlarms: 1, trapSlack: 28 },
  'dev-zl': { spearman: 0.88, mae: 12, within20: 0.78, maxError: 45, flagsCaught: 0.6, falseAlarms: 0, trapSlack: 42 },
} as const;

// The set writers named the same traps differently ('stuffing', 'stock-phrases', 'mock-polite').
const isKeywordTrap = (tag: string) => /negation|stuffing|stock.phrase|sarcasm|mock.polite|apology.then.blame/.test(tag);

describe.each(Object.keys(GUARDS) as (keyof typeof GUARDS)[])('tuning set %s', (name) => {
  const rows = scoreGradedSet(name);
  const guard = GUARDS[name];

  it('orders and calibrates like the expert', () => {
    const a = agreementOf(rows);
    expect(a.spearman).toBeGreaterThanOrEqual(guard.spearman);
    expect(a.mae).toBeLessThanOrEqual(guard.mae);
  });

  it('puts most replies within 20 points of the expert grade, and none far off', () => {
    const errors = rows.map((r) => Math.abs(r.total - r.item.grade));
    expect(errors.filter((e) => e <= 20).length / rows.length).toBeGreaterThanOrEqual(guard.within20);
    for (const r of rows) expect(Math.abs(r.total - r.item.grade), r.item.id).toBeLessThanOrEqual(guard.maxError);
  });

  it('raises the red flags the expert raised, and none the expert did not', () => {
    const flagged = rows.filter((r) => r.item.flags.length > 0);
    const caught = flagged.filter((r) => r.item.flags.every((f) => r.flags.includes(f)));
    expect(caught.length / flagged.length).toBeGreaterThanOrEqual(guard.flagsCaught);
    const falseAlarms = rows.filter((r) => r.item.flags.length === 0 && r.flags.length > 0);
    expect(falseAlarms.length, falseAlarms.map((r) => r.item.id).join()).toBeLessThanOrEqual(guard.falseAlarms);
  });

  it('never over-credits a trap: negation, stuffing, sarcasm, apology-then-blame', () => {
    const traps = rows.filter((r) => r.item.traps.some(isKeywordTrap));
    expect(traps.length).toBeGreaterThan(10);
    for (const r of traps) expect(r.total - r.item.grade, r.item.id).toBeLessThanOrEqual(guard.trapSlack);
  });
});

describe('holdout sets (never used for tuning)', () => {
  // holdout: 25 items from the first round. holdout-b, holdout-c, holdout-e to holdout-l (100 each)
  // and holdout-d (110): written and graded blind by sessions that never ran the engine nor read
  // its lexicons, each scored first with the engine frozen. Together (935) they are the issue's
  // held-out part, with holdout-k and holdout-l (added at 968f121, kept whatever they scored):
  // 1,135 items at 0.9055 against the 0.90 target, a margin inside the figure's noise (about
  // ±0.01). These guards catch regressions.
  it('stays at or above the level last measured', () => {
    // holdout 0.917 / MAE 13.0 (n = 25); holdout-b 0.915 / 9.7; holdout-c 0.882 / 10.0; holdout-d
    // 0.873 / 10.4; holdout-e 0.916 / 9.2 (first contact 0.890 / 10.6, before the thin-reply
    // scaling); holdout-f 0.926 / 8.3 (first contact, engine at ed89679); holdout-g 0.928 / 7.8 and
    // holdout-h (many trainee voices) 0.860 / 11.2 (first contact, engine at 4763008);
    // holdout-i (a balanced sample) 0.886 / 9.5 and holdout-j (many voices) 0.899 / 9.1 (first
    // contact, engine at edf0328, added whatever they scored); all ten 0.894 / 9.6, and 0.897 / 9.1
    // with the calibration (holdout-h 0.854, holdout-i 0.884, holdout-j 0.905); after the dev-w to dev-y
    // round 0.897 / 9.0 (holdout-h 0.857, holdout-j 0.903); with the wording features in the
    // calibration (first person, numbers, the customer's words taken up) 0.9003 / 8.9; after the
    // dev-zb to dev-zg rounds 0.9025 / 8.9 (holdout-d 0.894). holdout-k (balanced) and holdout-l
    // (many voices), first contact at 968f121: 0.938 / 7.5 and 0.905 / 8.2 (0.937 / 7.6 and
    // 0.900 / 8.7 with the calibration from before the wording); all twelve 0.9055 / 8.7, and
    // 0.906 / 8.7 after the dev-zj to dev-zl round.
    const sets = HOLDOUT_SETS.map((set) => scoreGradedSet(set));
    expect(sets.map((rows) => rows.length)).toEqual([25, 100, 100, 110, 100, 100, 100, 100, 100, 100, 100, 100]);
    const [first, , blindC, blindD, blindE, blindF, blindG, blindH, blindI, blindJ, blindK, blindL] = sets;
    const together = agreementOf(sets.flat());
    expect(together.spearman).toBeGreaterThanOrEqual(0.9);
    expect(together.mae).toBeLessThanOrEqual(9.5);
    expect(agreementOf(first!).spearman).toBeGreaterThanOrEqual(0.9);
    expect(agreementOf(blindC!).spearman).toBeGreaterThanOrEqual(0.87);
    expect(agreementOf(blindD!).spearman).toBeGreaterThanOrEqual(0.86);
    expect(agreementOf(blindE!).spearman).toBeGreaterThanOrEqual(0.9);
    expect(agreementOf(blindF!).spearman).toBeGreaterThanOrEqual(0.91);
    expect(agreementOf(blindG!).spearman).toBeGreaterThanOrEqual(0.91);
    expect(agreementOf(blindH!).spearman).toBeGreaterThanOrEqual(0.84);
    expect(agreementOf(blindI!).spearman).toBeGreaterThanOrEqual(0.87);
    expect(agreementOf(blindJ!).spearman).toBeGreaterThanOrEqual(0.88);
    expect(agreementOf(blindK!).spearman).toBeGreaterThanOrEqual(0.92);
    expect(agreementOf(blindL!).spearman).toBeGreaterThanOrEqual(0.89);
  });
});
