// Agreement with expert grades. dev, dev-b, dev-c and dev-d were used for tuning; holdout never was (its
// items are not printed by any tool here). Targets from the issue: holdout Spearman >= 0.90, MAE <= 12.
import { describe, expect, it } from 'vitest';
import { agreementOf, scoreGradedSet } from '../bench/agreement.ts';

// Guards just below each set's level as last measured (2026-11-22), so a regression fails loudly.
// dev-d is the newest set (phone and letter register); its figures are lower and so are its guards.
const GUARDS = {
  dev: { spearman: 0.94, mae: 8.5, within20: 0.94, maxError: 35, flagsCaught: 0.9 },
  'dev-b': { spearman: 0.92, mae: 8.5, within20: 0.9, maxError: 35, flagsCaught: 0.93 },
  'dev-c': { spearman: 0.91, mae: 9.5, within20: 0.9, maxError: 40, flagsCaught: 0.9 },
  'dev-d': { spearman: 0.88, mae: 10.5, within20: 0.87, maxError: 50, flagsCaught: 0.7 },
} as const;

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
    expect(falseAlarms.map((r) => r.item.id)).toEqual([]);
  });

  it('never over-credits a trap: negation, stuffing, sarcasm, apology-then-blame', () => {
    const traps = rows.filter((r) => r.item.traps.some((t) => ['negation', 'stuffing', 'sarcasm', 'apology_then_blame'].includes(t)));
    expect(traps.length).toBeGreaterThan(10);
    for (const r of traps) expect(r.total - r.item.grade, r.item.id).toBeLessThanOrEqual(25);
  });
});

describe('holdout set (never used for tuning)', () => {
  it('stays at or above the level last measured', () => {
    // Measured 2026-11-22: Spearman 0.893, MAE 8.8 (n = 25). The 0.90 Spearman target is not
    // met yet; this guards against regressions while the lexicons grow.
    const a = agreementOf(scoreGradedSet('holdout'));
    expect(a.n).toBe(25);
    expect(a.spearman).toBeGreaterThanOrEqual(0.87);
    expect(a.mae).toBeLessThanOrEqual(11);
  });
});
