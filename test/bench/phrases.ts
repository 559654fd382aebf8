// Recall and precision of each signal and flag on the phrase bank (test/fixtures/phrases.yaml).
// `npx tsx test/bench/phrases.ts [id]` prints the figures, and the misses for one id.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { detectTurn, heardSignals } from '../../src/rubric/detect.ts';
import { loadRubric } from '../../src/node/library.ts';
import { formatIssue } from '../../src/scenario/issues.ts';

export interface PhraseBank {
  signals: Record<string, { positive: string[]; negative: string[] }>;
  flags: Record<string, { positive: string[]; negative: string[] }>;
}

export type BankName = 'phrases' | 'phrases-b' | 'phrases-c' | 'phrases-flags';

export function loadPhraseBank(name: BankName = 'phrases'): PhraseBank {
  return parse(readFileSync(fileURLToPath(new URL(`../fixtures/${name}.yaml`, import.meta.url)), 'utf8'));
}

export interface PhraseResult {
  group: 'signals' | 'flags';
  id: string;
  missed: string[];
  falseHits: string[];
  positives: number;
  negatives: number;
}

/** Does the rubric hear `id` in `text` (signals: strong or weak; flags: any)? */
export function phraseResults(name: BankName = 'phrases'): PhraseResult[] {
  const { rubric } = loadRubric();
  if (!rubric) throw new Error(`rubric failed to load:\n${loadRubric().issues.map((i) => formatIssue(i)).join('\n')}`);
  const bank = loadPhraseBank(name);
  const hears = (group: 'signals' | 'flags', id: string, text: string) => {
    const d = detectTurn(text, rubric, undefined);
    if (group === 'flags') return d.flags.some((f) => f.id === id);
    return heardSignals(d, rubric).kept.some((s) => s.id === id);
  };
  const results: PhraseResult[] = [];
  for (const group of ['signals', 'flags'] as const) {
    for (const [id, { positive, negative }] of Object.entries(bank[group])) {
      results.push({
        group,
        id,
        missed: positive.filter((p) => !hears(group, id, p)),
        falseHits: negative.filter((n) => hears(group, id, n)),
        positives: positive.length,
        negatives: negative.length,
      });
    }
  }
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const only = process.argv[2];
  const bankName = (process.argv[3] ?? 'phrases') as BankName;
  let tp = 0;
  let p = 0;
  let tn = 0;
  let n = 0;
  for (const r of phraseResults(bankName)) {
    tp += r.positives - r.missed.length;
    p += r.positives;
    tn += r.negatives - r.falseHits.length;
    n += r.negatives;
    console.log(`${r.group.padEnd(8)} ${r.id.padEnd(18)} recall ${(r.positives - r.missed.length)}/${r.positives}  clean negatives ${r.negatives - r.falseHits.length}/${r.negatives}`);
    if (only === r.id || only === 'all') {
      for (const m of r.missed) console.log(`   MISS  ${m}`);
      for (const f of r.falseHits) console.log(`   FALSE ${f}`);
    }
  }
  console.log(`overall recall ${tp}/${p} (${((100 * tp) / p).toFixed(1)}%), clean negatives ${tn}/${n} (${((100 * tn) / n).toFixed(1)}%)`);
}
