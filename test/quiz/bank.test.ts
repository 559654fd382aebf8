import { describe, expect, it } from 'vitest';
import { localize } from '../../src/scenario/schema.ts';
import { bank, rubric, shipped } from './helpers.ts';

const count = (key: 'type' | 'topic') => bank.questions.reduce<Record<string, number>>((a, q) => ({ ...a, [q[key]]: (a[q[key]] ?? 0) + 1 }), {});

describe('the shipped question bank', () => {
  it('loads without a single issue (shape, ids, options, patterns, links, reference answers)', () => {
    expect(shipped.issues).toEqual([]);
  });

  it('holds at least 120 questions of every type', () => {
    expect(bank.questions.length).toBeGreaterThanOrEqual(120);
    expect(Object.keys(count('type')).sort()).toEqual(['case', 'fill', 'multiple', 'short', 'single', 'true_false']);
    for (const n of Object.values(count('type'))) expect(n).toBeGreaterThanOrEqual(5);
  });

  it('covers the exam topics', () => {
    expect(Object.keys(count('topic')).sort()).toEqual([
      'communication', 'complaint_view', 'expectations', 'gaps', 'methods', 'motives', 'performance', 'planning',
      'policy', 'pricing', 'process', 'promise', 'quality', 'service', 'service_process', 'servqual', 'steps', 'surveys',
    ]);
  });

  it('gives every SERVQUAL, steps and motives question in English too', () => {
    const en = (t: unknown) => typeof t === 'object' && t !== null && 'en' in t && 'zh' in t;
    for (const q of bank.questions.filter((x) => ['servqual', 'steps', 'motives'].includes(x.topic))) {
      const texts: unknown[] = [q.prompt, q.explanation];
      if ('options' in q) texts.push(...q.options.map((o) => o.text));
      if (q.type === 'fill' || q.type === 'short' || q.type === 'case') texts.push(q.answer);
      if (q.type === 'short' || q.type === 'case') texts.push(...q.key_points.map((k) => k.text));
      if (q.type === 'case') texts.push(q.case);
      for (const t of texts) expect(en(t), `${q.id}: ${localize(t as never, 'zh')}`).toBe(true);
    }
  });

  it('links practice ids that exist, so practice reports can bring questions forward', () => {
    const steps = new Set(rubric.data.step_models.flatMap((m) => m.steps.map((s) => s.id)));
    const linkedSteps = new Set(bank.questions.flatMap((q) => q.links?.steps ?? []));
    for (const s of linkedSteps) expect(steps.has(s), s).toBe(true);
    // Every step of every model and every red flag has at least one question.
    expect([...steps].filter((s) => !linkedSteps.has(s))).toEqual([]);
    const flags = new Set(bank.questions.flatMap((q) => q.links?.flags ?? []));
    expect([...flags].sort()).toEqual(['blame', 'deflect', 'overpromise', 'rude']);
  });
});
