import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintScenario, playabilityCheck } from '../../src/dialogue/playable.ts';
import { formatIssue, renderIssue, type Issue } from '../../src/scenario/issues.ts';
import { checkScenario } from '../../src/scenario/validate.ts';
import { rubric } from '../helpers/library.ts';

const yogurt = readFileSync(new URL('../../scenarios/yogurt-fly.yaml', import.meta.url), 'utf8');
const deep = playabilityCheck(rubric);
const check = (text: string) => checkScenario({ file: 'x.yaml', text }, rubric.data, deep).issues;
const summary = (issues: Issue[]) => issues.map((i) => `${i.severity} ${i.code} ${i.path} ${i.params.why ?? ''}`.trim());
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('beats that can never play', () => {
  it('warns when min_turn comes after the customer runs out of patience, at the min_turn', () => {
    const text = yogurt.replace('when: { key_points: [quiet_place] }', 'when: { key_points: [quiet_place], min_turn: 6 }');
    const issues = check(text);
    expect(summary(issues)).toEqual(['warning unreachable_beat beats.2.when.min_turn too_late']);
    expect(issues[0]).toMatchObject({ line: lineOf(text, 'min_turn: 6'), params: { id: 'to_office', turn: 6, patience: 6 } });
    expect(renderIssue(issues[0]!)).toBe("beat 'to_office' can never play: it cannot happen before reply 6, but the customer runs out of patience at reply 6");
    expect(renderIssue(issues[0]!, 'zh')).toBe("情节 'to_office' 永远不会出现:它最早要到第 6 次回复才可能出现,而顾客的耐心在第 6 次回复时就耗尽了");
  });

  it("follows 'after' chains: a beat after one that never plays never plays either", () => {
    const text = yogurt
      .replace('when: { key_points: [quiet_place] }', 'when: { key_points: [quiet_place], min_turn: 9 }')
      .replace('when: { key_points: [child_first] }', 'when: { key_points: [child_first], after: to_office }');
    expect(summary(check(text))).toEqual([
      'warning unreachable_beat beats.2.when.min_turn too_late',
      'warning unreachable_beat beats.5.when.after after_never',
    ]);
    const chained = yogurt
      .replace('when: { key_points: [quiet_place] }', 'when: { key_points: [quiet_place], min_turn: 5 }')
      .replace('when: { key_points: [child_first] }', 'when: { key_points: [child_first], after: to_office, min_turn: 2 }');
    expect(check(chained).map((i) => [i.code, i.path, i.params.turn])).toEqual([['unreachable_beat', 'beats.5.when.after', 6]]);
  });

  it('reports a condition that contradicts itself as an error', () => {
    const text = yogurt.replace('when: { stage: [opening], anger: [75, 100] }', 'when: { any_signals: [remedy, ownership], missing: [remedy, ownership, tangible] }');
    expect(summary(check(text))).toEqual(['error unreachable_beat beats.1.when.missing any_but_missing']);
  });

  it('knows the stages only move forward after a reply', () => {
    const text = yogurt.replace('when: { stage: [opening], anger: [75, 100] }', 'when: { stage: [opening], any_signals: [apology, empathy] }');
    const issues = check(text);
    expect(summary(issues)).toEqual(['warning unreachable_beat beats.1.when.stage stage_moves_on']);
    expect(renderIssue(issues[0]!)).toBe("beat 'crowd' can never play: it needs stage opening, but a reply showing apology, empathy moves the customer past it");
  });

  it('knows the customer escalates before an anger-95 beat, unless escalating has conditions of its own', () => {
    const text = yogurt.replace('when: { anger: [70, 100] }', 'when: { anger: [95, 100] }');
    expect(summary(check(text))).toEqual(['warning unreachable_beat beats.10.when.anger escalates_first']);
    const guarded = text.replace('  escalated:\n', '  escalated:\n    when: { flags: [rude] }\n');
    expect(summary(check(guarded))).toEqual([]);
  });

  it('knows the customer accepts before a beat that asks for everything resolving needs', () => {
    const text = yogurt.replace('when: { anger: [0, 45], any_signals: [remedy, commitment_time, follow_up, ownership] }', 'when: { anger: [0, 30], trust: [60, 100], signals: [remedy] }');
    expect(summary(check(text))).toEqual(['warning unreachable_beat beats.8.when.anger resolves_first']);
  });
});

describe('endings that can never happen', () => {
  it('warns about a resolved ending the rubric rules out (and the model answers then fail)', () => {
    const text = yogurt.replace('endings:\n  resolved:\n', 'endings:\n  resolved:\n    when: { anger: [40, 100] }\n');
    const issues = check(text);
    expect(summary(issues)).toEqual(['warning unreachable_ending endings.resolved.when.anger resolve_anger', 'error unresolvable model_answers']);
    expect(issues[0]!.line).toBe(lineOf(text, 'when: { anger: [40, 100] }'));
    expect(renderIssue(issues[0]!)).toBe("the 'resolved' ending's conditions can never hold: it needs anger of at least 40, but the customer only accepts at anger 30 or less");
  });

  it("warns when escalating is asked for below the escalation anger, or 'timeout' is given conditions", () => {
    const text = yogurt
      .replace('  escalated:\n', '  escalated:\n    when: { anger: [0, 60] }\n')
      .replace('  timeout:\n', '  timeout:\n    when: { min_turn: 3 }\n');
    expect(summary(check(text))).toEqual(['warning unreachable_ending endings.escalated.when.anger escalate_anger', 'warning ignored_when endings.timeout.when']);
  });

  it('warns when a resolved ending needs a beat that never plays, or comes after the last reply', () => {
    const text = yogurt
      .replace('when: { key_points: [quiet_place] }', 'when: { key_points: [quiet_place], min_turn: 7 }')
      .replace('endings:\n  resolved:\n', 'endings:\n  resolved:\n    when: { after: to_office }\n');
    expect(summary(check(text)).slice(0, 2)).toEqual(['warning unreachable_beat beats.2.when.min_turn too_late', 'warning unreachable_ending endings.resolved.when.after after_never']);
    const late = yogurt.replace('endings:\n  resolved:\n', 'endings:\n  resolved:\n    when: { min_turn: 7 }\n');
    expect(summary(check(late))[0]).toBe('warning unreachable_ending endings.resolved.when.min_turn too_late');
  });
});

describe('model answers against their own scenario', () => {
  it('warns about a key point no model answer makes, per language', () => {
    const text = yogurt.replace(
      'forbidden:\n',
      'forbidden:\n'.replace('forbidden', '  - id: offers_coupon\n    text: { zh: 送优惠券, en: Offers a coupon }\n    dimension: tangibles\n    patterns: [优惠券, coupon]\nforbidden'),
    );
    // (A key point every answer misses also lowers their scores: model_answer_low may come too.)
    const issues = check(text).filter((i) => i.code === 'key_point_unmatched');
    expect(issues.map((i) => `${i.code} ${i.path} ${i.params.lang}`)).toEqual(['key_point_unmatched key_points.6.id zh', 'key_point_unmatched key_points.6.id en']);
    expect(renderIssue(issues[1]!)).toBe("no model answer in English makes key point 'offers_coupon': its patterns or the answers need rewording");
    expect(renderIssue(issues[0]!, 'zh')).toBe("没有一个中文示范回答做到了要点 'offers_coupon':请调整它的模式或示范回答");
  });

  it('warns about a model answer that scores below 80 on its own scenario', () => {
    const weak = yogurt.replace(
      /( {2}- label:\n {6}zh: 顾客不肯离开卖场时\n {6}en: When she refuses to leave the sales floor\n {4}replies:\n)[\s\S]*?\nbeats:/,
      '$1      - zh: 好的。\n        en: Okay.\nbeats:',
    );
    const issues = check(weak);
    const low = issues.filter((i) => i.code === 'model_answer_low');
    expect(low.map((i) => `${i.path} ${i.params.answer} ${i.params.lang}`)).toEqual(['model_answers.1 2 zh', 'model_answers.1 2 en']);
    expect(Number(low[0]!.params.score)).toBeLessThan(80);
    expect(low[0]!.line).toBe(lineOf(weak, '顾客不肯离开卖场时') - 1);
    expect(issues.map((i) => i.code)).toContain('unresolvable');
  });

  it('lints YAML text for an editor: every issue with a location, code and message parameters', () => {
    const text = yogurt.replace('motive: respect', 'motive: revenge');
    const { issues, scenario } = lintScenario(text, rubric);
    expect(scenario).toBeUndefined();
    expect(issues.map((i) => formatIssue(i))).toEqual([`scenario.yaml:${lineOf(text, 'motive: revenge')}:11 invalid_value Invalid option: expected one of "vent"|"respect"|"compensation"`]);
    expect(lintScenario(yogurt, rubric).issues).toEqual([]);
    const weak = yogurt.replace('endings:\n  resolved:\n', 'endings:\n  resolved:\n    when: { flags: [blame] }\n');
    expect(lintScenario(weak, rubric).issues.map((i) => i.code)).toEqual(['unresolvable']);
    expect(lintScenario(weak, rubric, { check: false }).issues).toEqual([]);
  });
});
