// Agreement of the rubric engine with the expert-graded sets.
// `npx tsx test/bench/agreement.ts` prints the dev figures and, per item, where engine and expert
// disagree most. The holdout set is only ever summarised (never listed), so it stays out of tuning.
import { fileURLToPath } from 'node:url';
import { createScorer, type Scorer } from '../../src/rubric/score.ts';
import { meanAbsoluteError, spearman } from '../../src/rubric/agreement.ts';
import { loadGraded, type GradedItem } from '../../src/node/graded.ts';
import { loadLibrary, type LoadedLibrary } from '../../src/node/library.ts';
import { formatIssue } from '../../src/scenario/issues.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/graded/${name}.yaml`, import.meta.url));

export interface AgreementRow {
  item: GradedItem;
  total: number;
  flags: string[];
}

/** Graded sets used for tuning (and by test/bench/fit.ts). */
export const DEV_SETS = ['dev', 'dev-b', 'dev-c', 'dev-d', 'dev-e', 'dev-f', 'dev-g', 'dev-h', 'dev-i', 'dev-j', 'dev-k', 'dev-l', 'dev-m', 'dev-n', 'dev-o', 'dev-p', 'dev-q', 'dev-r', 'dev-s', 'dev-t', 'dev-u', 'dev-v', 'dev-w', 'dev-x', 'dev-y', 'dev-z', 'dev-za', 'dev-zb', 'dev-zc', 'dev-zd', 'dev-ze', 'dev-zf', 'dev-zg', 'dev-zh', 'dev-zi', 'dev-zj', 'dev-zk', 'dev-zl'] as const;
/** Graded sets never used for tuning; no tool lists their items. */
export const HOLDOUT_SETS = ['holdout', 'holdout-b', 'holdout-c', 'holdout-d', 'holdout-e', 'holdout-f', 'holdout-g', 'holdout-h', 'holdout-i', 'holdout-j', 'holdout-k', 'holdout-l'] as const;
export type GradedSetName = (typeof DEV_SETS)[number] | (typeof HOLDOUT_SETS)[number];

export const loadGradedSet = (name: GradedSetName): GradedItem[] => loadGraded(fixture(name));

/** Score graded items with one library's scenarios and scorer (fit.ts passes a rubric it is adjusting). */
export function scoreItems(items: readonly GradedItem[], library: LoadedLibrary, scorer: Scorer): AgreementRow[] {
  return items.map((item) => {
    const scenario = item.scenario ? library.scenarios.get(item.scenario)?.scenario : undefined;
    const report = scorer.scoreTranscript({ locale: item.locale, turns: item.turns }, scenario);
    return { item, total: report.total, flags: [...new Set(report.flags.map((f) => f.id))].sort() };
  });
}

// The shipped library, loaded (and every scenario checked) once per process, not once per set.
let shipped: { library: LoadedLibrary; scorer: Scorer } | undefined;
function shippedScorer(): { library: LoadedLibrary; scorer: Scorer } {
  if (shipped) return shipped;
  const library = loadLibrary();
  if (!library.rubric) throw new Error(`rubric failed to load:\n${library.issues.map((i) => formatIssue(i)).join('\n')}`);
  return (shipped = { library, scorer: createScorer(library.rubric) });
}

/** Score every item of a graded set with the shipped rubric and scenarios. */
export function scoreGradedSet(name: GradedSetName): AgreementRow[] {
  const { library, scorer } = shippedScorer();
  return scoreItems(loadGradedSet(name), library, scorer);
}

/** Two markings raise the same red flags, in any order. */
export const sameFlags = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();

export function agreementOf(rows: AgreementRow[]) {
  const grades = rows.map((r) => r.item.grade);
  const totals = rows.map((r) => r.total);
  const flagExact = rows.filter((r) => sameFlags(r.flags, r.item.flags)).length;
  return { n: rows.length, spearman: spearman(totals, grades), mae: meanAbsoluteError(totals, grades), flagExact };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dev = DEV_SETS.flatMap((name) => scoreGradedSet(name));
  const a = agreementOf(dev);
  const worst = [...dev].sort((x, y) => Math.abs(y.total - y.item.grade) - Math.abs(x.total - x.item.grade));
  for (const r of worst) {
    const flagNote = sameFlags(r.flags, r.item.flags) ? '' : `  flags ${r.flags.join('+') || '-'} vs ${r.item.flags.join('+') || '-'}`;
    console.log(`${String(r.total - r.item.grade).padStart(4)}  ${r.item.id.padEnd(12)} engine ${String(r.total).padStart(3)} expert ${String(r.item.grade).padStart(3)}${flagNote}`);
  }
  console.log(`dev: n=${a.n} spearman=${a.spearman.toFixed(3)} mae=${a.mae.toFixed(1)} flags_exact=${a.flagExact}/${a.n}`);
}
