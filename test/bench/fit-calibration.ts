// Fit the rubric's calibration (scoring.calibration in scenarios/rubric/servqual.yaml) to the
// graded dev sets:
//
//   npx tsx test/bench/fit-calibration.ts [--lambda 10]
//
// Every dev item is scored with the calibration switched off; a ridge regression then fits the
// gap between the trainer's grade and the engine's total on the report's own features
// (src/rubric/calibrate.ts: the five dimensions, red flags, key points and steps made, replies,
// thin and hollow notices, each also times the total). It prints how the fit does on each set
// when that set is left out of it (the honest figure), then the YAML to paste. Nothing is
// written, and the holdout sets are never read.
import { parseArgs } from 'node:util';
import { loadLibrary } from '../../src/node/library.ts';
import { createScorer } from '../../src/rubric/score.ts';
import { calibrate, calibrationFeatures, calibrationInputOf, type CalibrationInput } from '../../src/rubric/calibrate.ts';
import { CalibrationFeature, type CalibrationDef } from '../../src/rubric/data.ts';
import { spearman } from '../../src/rubric/agreement.ts';
import { DEV_SETS, loadGradedSet } from './agreement.ts';

const FEATURES = CalibrationFeature.options;
const MAX_ADJUSTMENT = 15;

interface Row {
  grade: number;
  input: CalibrationInput;
  x: number[];
}

/** Ridge regression with an unpenalised intercept: weights[0] is the intercept. */
function ridge(rows: readonly Row[], lambda: number): number[] {
  const k = FEATURES.length + 1;
  const a = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (const row of rows) {
    const x = [1, ...row.x];
    const y = row.grade - row.input.total;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) a[i]![j]! += x[i]! * x[j]!;
      a[i]![k]! += x[i]! * y;
    }
  }
  for (let i = 1; i < k; i++) a[i]![i]! += lambda;
  // Gauss-Jordan with partial pivoting; the system is small (23 unknowns).
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let j = c; j <= k; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  return a.map((row, i) => row[k]! / row[i]!);
}

const toCalibration = (w: number[]): CalibrationDef => ({
  intercept: round2(w[0]!),
  weights: Object.fromEntries(FEATURES.map((f, i) => [f, round2(w[i + 1]!)])),
  max_adjustment: MAX_ADJUSTMENT,
});
const round2 = (x: number) => Math.round(x * 100) / 100;
const rho = (rows: readonly Row[], c?: CalibrationDef) => spearman(rows.map((r) => calibrate(r.input, c)), rows.map((r) => r.grade));

function main() {
  let lambda: number;
  try {
    const { values } = parseArgs({ options: { lambda: { type: 'string', default: '10' } } });
    lambda = Number(values.lambda);
    if (!(lambda >= 0)) throw new Error('--lambda wants a number from 0');
  } catch (error) {
    console.error(`fit-calibration: ${(error as Error).message}`);
    process.exit(2);
  }
  const library = loadLibrary();
  if (!library.rubric) throw new Error('the rubric failed to load: run `npx dojo validate scenarios/rubric`');
  const { calibration: shipped, ...scoring } = library.rubric.data.scoring;
  const raw = createScorer({ ...library.rubric, data: { ...library.rubric.data, scoring } });
  const sets = DEV_SETS.map((name) => ({
    name,
    rows: loadGradedSet(name).map((item): Row => {
      const scenario = item.scenario ? library.scenarios.get(item.scenario)?.scenario : undefined;
      const input = calibrationInputOf(raw.scoreTranscript({ locale: item.locale, turns: item.turns }, scenario));
      const features = calibrationFeatures(input);
      return { grade: item.grade, input, x: FEATURES.map((f) => features[f]) };
    }),
  }));

  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const before: number[] = [];
  const after: number[] = [];
  for (const held of sets) {
    const fitted = toCalibration(ridge(sets.filter((s) => s !== held).flatMap((s) => s.rows), lambda));
    before.push(rho(held.rows));
    after.push(rho(held.rows, fitted));
    console.log(`left out ${held.name.padEnd(6)} spearman ${before.at(-1)!.toFixed(3)} -> ${after.at(-1)!.toFixed(3)}`);
  }
  const up = after.filter((a, i) => a > before[i]!).length;
  console.log(`each set left out of the fit: mean spearman ${mean(before).toFixed(4)} -> ${mean(after).toFixed(4)}, up on ${up} of ${sets.length}`);
  const all = sets.flatMap((s) => s.rows);
  const fitted = toCalibration(ridge(all, lambda));
  console.log(`fitted on all ${all.length} dev items: pooled spearman ${rho(all).toFixed(4)} -> ${rho(all, fitted).toFixed(4)}` + (shipped ? ` (shipped calibration: ${rho(all, shipped).toFixed(4)})` : ''));
  console.log('\n  calibration:');
  console.log(`    intercept: ${fitted.intercept}`);
  console.log(`    max_adjustment: ${fitted.max_adjustment}`);
  console.log('    weights:');
  for (const f of FEATURES) console.log(`      ${f}: ${fitted.weights[f]}`);
}

main();
