// Fit the rubric's numbers (signal credits, weak strengths, caps) to the graded dev sets.
//
//   npx tsx test/bench/fit.ts [--train dev,dev-b,...] [--rounds 2] [--min-gain 0.0003]
//
// Coordinate descent: each number in turn is moved in steps of a quarter of its value while the
// objective (mean Spearman over the training sets, less 0.003 a point of mean absolute error) rises
// by at least --min-gain. Sets not in --train are reported as a test column, so a change can be
// seen to carry over to text it was not fitted on. Credits that are zero stay zero: a signal only
// feeds the dimensions it means something for. Nothing is written: copy what you accept into
// scenarios/rubric/*.yaml. The holdout sets are never read here.
import { parseArgs } from 'node:util';
import { loadLibrary } from '../../src/node/library.ts';
import { createScorer } from '../../src/rubric/score.ts';
import type { RubricData } from '../../src/rubric/data.ts';
import { agreementOf, DEV_SETS, loadGradedSet, scoreItems } from './agreement.ts';

const DIMENSIONS = ['reliability', 'responsiveness', 'assurance', 'empathy', 'tangibles'] as const;
const MAE_WEIGHT = 0.003;

interface Knob {
  name: string;
  get(): number;
  set(value: number): void;
  max: number;
}

/** Every number the fit may move, read and written in place on the loaded rubric. */
function knobsOf(data: RubricData): Knob[] {
  const knobs: Knob[] = [];
  for (const signal of data.signals) {
    const credit = signal.credit as Record<string, number>;
    for (const d of DIMENSIONS) {
      if (!credit[d]) continue;
      knobs.push({ name: `${signal.id}.credit.${d}`, get: () => credit[d]!, set: (v) => (credit[d] = v), max: 100 });
    }
    const s = signal as { weak_strength: number };
    knobs.push({ name: `${signal.id}.weak_strength`, get: () => s.weak_strength, set: (v) => (s.weak_strength = v), max: 1 });
  }
  const scoring = data.scoring as unknown as Record<string, number>;
  for (const key of ['base', 'saturation', 'hollow_cap', 'cold_cap', 'vague_cap', 'hedged_cap', 'empty_cap', 'repeated_apology_penalty']) {
    knobs.push({ name: `scoring.${key}`, get: () => scoring[key]!, set: (v) => (scoring[key] = v), max: 100 });
  }
  for (const key of ['missed_key_point_factor', 'but_strength', 'handoff_strength', 'salad_strength']) {
    knobs.push({ name: `scoring.${key}`, get: () => scoring[key]!, set: (v) => (scoring[key] = v), max: 2 });
  }
  for (const flag of data.flags) {
    const f = flag as { cap: number; severe_cap?: number };
    knobs.push({ name: `${flag.id}.cap`, get: () => f.cap, set: (v) => (f.cap = v), max: 100 });
    if (f.severe_cap !== undefined) knobs.push({ name: `${flag.id}.severe_cap`, get: () => f.severe_cap!, set: (v) => (f.severe_cap = v), max: 100 });
  }
  return knobs;
}

function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: { train: { type: 'string' }, rounds: { type: 'string', default: '2' }, 'min-gain': { type: 'string', default: '0.0003' } },
    }));
  } catch (error) {
    console.error(`fit: ${(error as Error).message}`);
    process.exit(2);
  }
  const train: string[] = values.train ? values.train.split(',') : [...DEV_SETS];
  const unknown = train.filter((s) => !(DEV_SETS as readonly string[]).includes(s));
  if (unknown.length) {
    console.error(`fit: not a dev set: ${unknown.join(', ')} (one of ${DEV_SETS.join(', ')})`);
    process.exit(2);
  }
  const test = DEV_SETS.filter((s) => !train.includes(s));
  const rounds = Number(values.rounds);
  const minGain = Number(values['min-gain']);
  if (!Number.isInteger(rounds) || rounds < 1 || !(minGain >= 0)) {
    console.error('fit: --rounds wants a whole number from 1 and --min-gain a number from 0');
    process.exit(2);
  }

  const library = loadLibrary();
  if (!library.rubric) throw new Error('the rubric failed to load: run `npx dojo validate scenarios/rubric`');
  const scorer = createScorer(library.rubric);
  const sets = new Map(DEV_SETS.map((name) => [name as string, loadGradedSet(name)]));

  const measure = (names: readonly string[]) => {
    let rho = 0;
    let mae = 0;
    for (const name of names) {
      const a = agreementOf(scoreItems(sets.get(name)!, library, scorer));
      rho += a.spearman / names.length;
      mae += a.mae / names.length;
    }
    return { rho, mae, objective: rho - MAE_WEIGHT * mae };
  };
  const report = (label: string) => {
    const a = measure(train);
    const b = test.length ? measure(test) : undefined;
    const testPart = b ? ` | test ${test.join(',')}: spearman ${b.rho.toFixed(4)} mae ${b.mae.toFixed(2)}` : '';
    console.log(`${label}: train spearman ${a.rho.toFixed(4)} mae ${a.mae.toFixed(2)}${testPart}`);
  };

  const knobs = knobsOf(library.rubric.data);
  report('start');
  let best = measure(train).objective;
  for (let round = 1; round <= rounds; round++) {
    let moved = 0;
    for (const knob of knobs) {
      const start = knob.get();
      const step = knob.max <= 2 ? 0.1 : Math.max(1, start * 0.25);
      for (const direction of [1, -1]) {
        let value = start;
        for (;;) {
          const candidate = Math.round(Math.min(knob.max, Math.max(0, value + direction * step)) * 100) / 100;
          if (candidate === value) break;
          knob.set(candidate);
          const objective = measure(train).objective;
          if (objective < best + minGain) {
            knob.set(value);
            break;
          }
          best = objective;
          value = candidate;
        }
        if (value !== start) break;
      }
      if (knob.get() !== start) {
        moved++;
        console.log(`  ${knob.name}: ${start} -> ${knob.get()}`);
      }
    }
    report(`round ${round}, ${moved} moved`);
    if (moved === 0) break;
  }
}

main();
