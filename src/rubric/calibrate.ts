import { DimensionId, FlagId } from '../scenario/schema.ts';
import type { CalibrationDef, CalibrationFeature } from './data.ts';
import type { ScoreReport } from './score.ts';

/** What the calibration reads: the engine's own judgement of a transcript, before calibration. */
export interface CalibrationInput {
  /** The total after every cap and the thin-reply scaling, 0–100. */
  readonly total: number;
  readonly dimensions: Readonly<Record<DimensionId, number>>;
  readonly flags: ReadonlySet<FlagId>;
  /** Share of the scenario's key points made; 0.5 without a scenario or key points. */
  readonly keyPointShare: number;
  /** Share of the step model's steps done. */
  readonly stepShare: number;
  /** Agent replies judged (empty ones included). */
  readonly replies: number;
  readonly thin: boolean;
  readonly hollow: boolean;
  readonly wording: ScoreReport['wording'];
}

/** The calibration's input read off a report whose total is not calibrated yet. */
export function calibrationInputOf(report: ScoreReport): CalibrationInput {
  const keyPointsMade = report.key_points.filter((k) => k.hit).length;
  const stepsDone = report.steps.filter((s) => s.done).length;
  return {
    total: report.total,
    dimensions: report.dimensions,
    flags: new Set(report.flags.map((f) => f.id)),
    keyPointShare: report.key_points.length ? keyPointsMade / report.key_points.length : 0.5,
    stepShare: report.steps.length ? stepsDone / report.steps.length : 0,
    replies: report.turns.length,
    thin: report.notices.some((n) => n.code === 'thin_reply'),
    hollow: report.notices.some((n) => n.code === 'hollow'),
    wording: report.wording,
  };
}

/**
 * The features the calibration weighs, each on a 0–1 scale (`extra_replies` counts replies after
 * the first, at most 5; `numbers` is the numbers given, at most 6, over 6). `*_x_total` features
 * are the same times total/100: they let the correction differ between weak and strong
 * conversations.
 */
export function calibrationFeatures(input: CalibrationInput): Record<CalibrationFeature, number> {
  const t = input.total / 100;
  const f = {} as Record<CalibrationFeature, number>;
  for (const d of DimensionId.options) {
    f[d] = input.dimensions[d] / 100;
    f[`${d}_x_total`] = f[d] * t;
  }
  for (const id of FlagId.options) f[id] = input.flags.has(id) ? 1 : 0;
  f.key_points = input.keyPointShare;
  f.key_points_x_total = input.keyPointShare * t;
  f.steps = input.stepShare;
  f.steps_x_total = input.stepShare * t;
  f.extra_replies = Math.min(input.replies, 6) - 1;
  f.thin = input.thin ? 1 : 0;
  f.hollow = input.hollow ? 1 : 0;
  f.total_squared = t * t;
  f.first_person = input.wording.first_person;
  f.numbers = Math.min(input.wording.numbers, 6) / 6;
  f.customer_echo = input.wording.customer_echo;
  return f;
}

/**
 * The calibrated total: the engine's total plus a small correction fitted to trainers' grades
 * (test/bench/fit-calibration.ts), at most `max_adjustment` either way. It never raises a
 * transcript that raised a red flag, so a flag's cap stays a ceiling.
 */
export function calibrate(input: CalibrationInput, calibration: CalibrationDef | undefined): number {
  if (!calibration) return input.total;
  const features = calibrationFeatures(input);
  let adjustment = calibration.intercept;
  for (const [feature, weight] of Object.entries(calibration.weights) as [CalibrationFeature, number][]) {
    adjustment += weight * features[feature];
  }
  adjustment = Math.max(-calibration.max_adjustment, Math.min(calibration.max_adjustment, adjustment));
  if (input.flags.size > 0) adjustment = Math.min(0, adjustment);
  return Math.round(Math.max(0, Math.min(100, input.total + adjustment)));
}
