// Agreement with expert grades. dev, dev-b, dev-c and dev-d were used for tuning; holdout never was (its
// items are not printed by any tool here). Targets from the issue: holdout Spearman >= 0.90, MAE <= 12.
import { describe, expect, it } from 'vitest';
import { agreementOf, scoreGradedSet } from '../bench/agreement.ts';

describe.each(['dev', 'dev-b', 'dev-c', 'dev-d'] as const)('tuning set %s', (name) => {
  const rows = scoreGradedSet(name);

  it('orders and calibrates like the expert', () => {
    const a = agreementOf(rows);
    expect(a.spearman).toBeGreaterThanOrEqual(0.88);
    expect(a.mae).toBeLessThanOrEqual(11);
  });

  it('puts nearly nine replies in ten within 20 points of the expert grade, and none beyond 40', () => {
    const errors = rows.map((r) => Math.abs(r.total - r.item.grade));
    expect(errors.filter((e) => e <= 20).length / rows.length).toBeGreaterThanOrEqual(0.88);
    for (const r of rows) expect(Math.abs(r.total - r.item.grade), r.item.id).toBeLessThanOrEqual(40);
  });

  it('raises the red flags the expert raised, and rarely others', () => {
    const flagged = rows.filter((r) => r.item.flags.length > 0);
    const caught = flagged.filter((r) => r.item.flags.every((f) => r.flags.includes(f)));
    expect(caught.length / flagged.length).toBeGreaterThanOrEqual(0.85);
    const clean = rows.filter((r) => r.item.flags.length === 0);
    const falseAlarms = clean.filter((r) => r.flags.length > 0);
    expect(falseAlarms.length / clean.length).toBeLessThanOrEqual(0.05);
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
