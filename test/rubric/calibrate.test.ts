import { describe, expect, it } from 'vitest';
import { calibrate, calibrationFeatures, calibrationInputOf, type CalibrationInput } from '../../src/rubric/calibrate.ts';
import { CalibrationDef, CalibrationFeature } from '../../src/rubric/data.ts';
import { createScorer } from '../../src/rubric/score.ts';
import { rubric, scenario, scorer } from '../helpers/library.ts';

const input = (over: Partial<CalibrationInput> = {}): CalibrationInput => ({
  total: 60,
  dimensions: { reliability: 50, responsiveness: 40, assurance: 30, empathy: 80, tangibles: 0 },
  flags: new Set(),
  keyPointShare: 0.5,
  stepShare: 0.25,
  replies: 3,
  thin: false,
  hollow: true,
  wording: { first_person: 0.5, numbers: 9, customer_echo: 0.25 },
  ...over,
});
const uncalibrated = createScorer({ ...rubric, data: { ...rubric.data, scoring: { ...rubric.data.scoring, calibration: undefined } } });

describe('calibration', () => {
  it('reads each feature on a 0-1 scale, and the *_x_total ones times the total', () => {
    const f = calibrationFeatures(input());
    expect(f.reliability).toBe(0.5);
    expect(f.empathy_x_total).toBeCloseTo(0.8 * 0.6);
    expect(f.key_points_x_total).toBeCloseTo(0.5 * 0.6);
    expect(f.total_squared).toBeCloseTo(0.36);
    expect(f.extra_replies).toBe(2);
    expect(calibrationFeatures(input({ replies: 40 })).extra_replies).toBe(5);
    expect([f.hollow, f.thin, f.rude]).toEqual([1, 0, 0]);
    // Every feature a weight may name is computed, and nothing else.
    expect(Object.keys(f).sort()).toEqual([...CalibrationFeature.options].sort());
    for (const v of Object.values(f)) expect(Number.isFinite(v)).toBe(true);
  });

  it('adds intercept + weight x feature, within max_adjustment, rounded and kept in 0-100', () => {
    const c = { intercept: 2, weights: { hollow: 3, key_points: 10 }, max_adjustment: 15 };
    expect(calibrate(input(), c)).toBe(60 + 2 + 3 + 5);
    expect(calibrate(input(), { ...c, max_adjustment: 4 })).toBe(64);
    expect(calibrate(input({ total: 98 }), c)).toBe(100);
    expect(calibrate(input(), { ...c, intercept: -80 })).toBe(45);
    expect(calibrate(input(), undefined)).toBe(60);
  });

  it('never lifts a transcript that raised a red flag, but may lower it', () => {
    const up = { intercept: 10, weights: {}, max_adjustment: 15 };
    expect(calibrate(input({ total: 15, flags: new Set(['overpromise']) }), up)).toBe(15);
    expect(calibrate(input({ total: 15, flags: new Set(['rude']) }), { ...up, intercept: -5 })).toBe(10);
  });

  it('rejects an unknown feature in the rubric data', () => {
    expect(CalibrationDef.safeParse({ intercept: 1, weights: { kindness: 2 }, max_adjustment: 10 }).success).toBe(false);
    expect(CalibrationDef.safeParse({ intercept: 1, weights: { hollow: 2 }, max_adjustment: 10 }).success).toBe(true);
  });

  it('is what the shipped scorer applies to its own uncalibrated report', () => {
    expect(rubric.data.scoring.calibration).toBeDefined();
    const transcripts = [
      { turns: [{ customer: '...' }, { agent: "I'm sorry. I'll refund you today and email the receipt by 5 pm." }] },
      { turns: [{ customer: '...' }, { agent: '非常抱歉给您带来不便,我们非常重视您的反馈。' }] },
      { turns: [{ customer: '...' }, { agent: '这不是我们的问题,您去找厂家吧。' }] },
    ];
    for (const t of transcripts) {
      const raw = uncalibrated.scoreTranscript(t, scenario('pump-warranty'));
      expect(scorer.scoreTranscript(t, scenario('pump-warranty')).total).toBe(calibrate(calibrationInputOf(raw), rubric.data.scoring.calibration));
    }
    // Nothing said, nothing added.
    expect(scorer.scoreTranscript({ turns: [{ customer: 'Hello?' }] }).total).toBe(0);
    expect(scorer.scoreTranscript({ turns: [{ customer: 'Hello?' }, { agent: '   ' }] }).total).toBe(0);
  });
});
