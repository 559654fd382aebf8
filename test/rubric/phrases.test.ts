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

// The flag bank was written blind (first contact: recall 61/120, clean 118/120), then used to
// widen the flags; it guards both sides, above all that a good reply is not flagged.
describe('phrase bank phrases-flags: the four red flags, subtle forms and hard look-alikes', () => {
  const results = phraseResults('phrases-flags');

  it('covers the four flags and no signal', () => {
    expect(results.map((r) => r.id).sort()).toEqual(['blame', 'deflect', 'overpromise', 'rude']);
  });

  it.each(results.map((r) => [r.id, r] as const))('%s is raised on most positives and on almost no look-alike', (_, r) => {
    expect(r.positives - r.missed.length, `missed: ${r.missed.join(' | ')}`).toBeGreaterThanOrEqual(Math.ceil(r.positives * 0.8));
    expect(r.falseHits.length, `false hits: ${r.falseHits.join(' | ')}`).toBeLessThanOrEqual(1);
  });
});
