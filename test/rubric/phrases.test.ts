import { describe, expect, it } from 'vitest';
import { phraseResults } from '../bench/phrases.ts';

describe.each(['phrases', 'phrases-b', 'phrases-c'] as const)('phrase bank %s: every signal and flag in many wordings', (bank) => {
  const results = phraseResults(bank);

  it('covers all twelve signals and four flags', () => {
    expect(results.filter((r) => r.group === 'signals')).toHaveLength(12);
    expect(results.filter((r) => r.group === 'flags')).toHaveLength(4);
  });

  it.each(results.map((r) => [r.id, r] as const))('%s is heard in its paraphrases and not in look-alikes', (_, r) => {
    expect(r.positives - r.missed.length, `missed: ${r.missed.join(' | ')}`).toBeGreaterThanOrEqual(Math.ceil(r.positives * 0.9));
    expect(r.negatives - r.falseHits.length, `false hits: ${r.falseHits.join(' | ')}`).toBeGreaterThanOrEqual(Math.ceil(r.negatives * 0.4));
  });

  it('keeps overall recall and precision at their measured level', () => {
    const pos = results.reduce((a, r) => a + r.positives, 0);
    const hit = results.reduce((a, r) => a + r.positives - r.missed.length, 0);
    const neg = results.reduce((a, r) => a + r.negatives, 0);
    const clean = results.reduce((a, r) => a + r.negatives - r.falseHits.length, 0);
    expect(hit / pos).toBeGreaterThanOrEqual(0.97);
    expect(clean / neg).toBeGreaterThanOrEqual(0.78);
  });
});
