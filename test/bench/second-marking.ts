// Agreement between the first marking, a blind second marking and the engine, per set (summaries
// only: never lists an item). `npx tsx test/bench/second-marking.ts` or name sets to check.
import { sameFlags, scoreGradedSet, type GradedSetName } from './agreement.ts';
import { spearman, meanAbsoluteError } from '../../src/rubric/agreement.ts';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../fixtures/graded/second', import.meta.url));
const names = process.argv.length > 2 ? process.argv.slice(2) : ['holdout', 'holdout-b', 'holdout-c', 'holdout-d', 'dev-m'];
for (const name of names) {
  const second = parse(readFileSync(`${dir}/${name}.yaml`, 'utf8')) as { id: string; grade: number; flags: string[] }[];
  const byId = new Map(second.map((s) => [s.id, s]));
  const rows = scoreGradedSet(name as GradedSetName).filter((r) => byId.has(r.item.id));
  const a = rows.map((r) => r.item.grade), b = rows.map((r) => byId.get(r.item.id)!.grade), e = rows.map((r) => r.total), m = rows.map((_, i) => (a[i] + b[i]) / 2);
  const flagAB = rows.filter((r) => sameFlags(r.item.flags, byId.get(r.item.id)!.flags ?? [])).length;
  const flagEB = rows.filter((r) => sameFlags(r.flags, byId.get(r.item.id)!.flags ?? [])).length;
  const flagEA = rows.filter((r) => sameFlags(r.flags, r.item.flags)).length;
  const f = (x: number) => x.toFixed(3);
  console.log(`${name} n=${rows.length} | A~B rho ${f(spearman(a, b))} mae ${meanAbsoluteError(a, b).toFixed(1)} | engine~A ${f(spearman(e, a))} mae ${meanAbsoluteError(e, a).toFixed(1)} | engine~B ${f(spearman(e, b))} mae ${meanAbsoluteError(e, b).toFixed(1)} | engine~mean ${f(spearman(e, m))} mae ${meanAbsoluteError(e, m).toFixed(1)} | flags exact A~B ${flagAB} E~A ${flagEA} E~B ${flagEB} | meanA ${(a.reduce((x, y) => x + y) / a.length).toFixed(1)} meanB ${(b.reduce((x, y) => x + y) / b.length).toFixed(1)}`);
}
