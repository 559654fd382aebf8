import { describe, expect, it } from 'vitest';
import type { LocalText, Scenario } from '../../src/scenario/schema.ts';
import { scenarios } from '../helpers/library.ts';

const all = [...scenarios.values()].map((e) => e.scenario);
const both = (t: LocalText) => typeof t !== 'string' && t.zh !== undefined && t.en !== undefined;

function customerLines(s: Scenario): LocalText[] {
  return [...s.opening, ...s.beats.flatMap((b) => b.lines), ...(s.endings ? [s.endings.resolved, s.endings.escalated, s.endings.timeout].flatMap((e) => e.lines) : [])];
}

describe('the scenario library', () => {
  it('has the scenarios the training material calls for', () => {
    expect(all.map((s) => s.id).sort()).toEqual(
      expect.arrayContaining(['yogurt-fly', 'yogurt-fly-callback', 'pump-warranty', 'bank-queue', 'transfer-fee', 'loyal-customer', 'property-fees', 'beauty-salon', 'beyond-authority']),
    );
    const motives = new Set(all.map((s) => s.customer.motive));
    expect(motives).toEqual(new Set(['vent', 'respect', 'compensation']));
  });

  it.each(all.map((s) => [s.id, s] as const))('%s is complete and bilingual', (_, s) => {
    const lines = customerLines(s);
    expect(lines.length).toBeGreaterThanOrEqual(12);
    expect(lines.filter(both)).toHaveLength(lines.length);
    expect(s.endings).toBeDefined();
    expect(s.key_points.length).toBeGreaterThanOrEqual(3);
    expect(s.forbidden.length).toBeGreaterThanOrEqual(1);
    expect(s.model_answers.length).toBeGreaterThanOrEqual(2);
    for (const a of s.model_answers) expect(a.replies.every(both), a.replies.length.toString()).toBe(true);
    for (const t of [s.title, s.summary, s.setting.role, s.setting.place, ...s.facts.map((f) => f.answer)]) expect(both(t)).toBe(true);
  });
});
