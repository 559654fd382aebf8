import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue, renderIssue } from '../../src/scenario/issues.ts';
import { Transcript } from '../../src/scenario/schema.ts';
import { checkLibrary, checkRubric, checkScenario } from '../../src/scenario/validate.ts';
import { parseYaml } from '../../src/scenario/yaml.ts';
import { rubric } from '../helpers/library.ts';
import { playabilityCheck } from '../../src/dialogue/playable.ts';

const yogurt = readFileSync(new URL('../../scenarios/yogurt-fly.yaml', import.meta.url), 'utf8');
const check = (text: string, file = 'x.yaml') => checkScenario({ file, text }, rubric.data);
const lines = (text: string, file = 'x.yaml') => check(text, file).issues.map((i) => formatIssue(i));

describe('scenario files', () => {
  it('accepts the shipped scenarios', () => {
    expect(check(yogurt).issues).toEqual([]);
    expect(check(yogurt).scenario?.id).toBe('yogurt-fly');
  });

  it("points at a typo'd key with a suggestion", () => {
    const text = yogurt.replace(/^opening:/m, 'opning:');
    const line = text.split('\n').findIndex((l) => l.startsWith('opning:')) + 1;
    const out = lines(text);
    expect(out).toContain(`x.yaml:${line}:1 unknown_key unknown key 'opning', did you mean 'opening'?`);
    expect(out.some((l) => l.includes("missing_key missing required key 'opening'"))).toBe(true);
  });

  it('locates nested problems: a bad enum, a wrong type, a typo inside a text map', () => {
    const text = yogurt.replace('motive: respect', 'motive: revenge').replace('anger: 85', 'anger: loud').replace('title:\n  zh: 酸奶里的苍蝇\n  en:', 'title:\n  zh: 酸奶里的苍蝇\n  eng:');
    const issues = check(text).issues;
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i]));
    expect(byPath['customer.motive']?.code).toBe('invalid_value');
    expect(byPath['customer.anger']?.code).toBe('invalid_type');
    expect(byPath['title.eng']).toMatchObject({ code: 'unknown_key', params: { key: 'eng', suggestion: 'en' } });
    const motiveLine = text.split('\n').findIndex((l) => l.includes('motive: revenge')) + 1;
    expect(byPath['customer.motive']?.line).toBe(motiveLine);
  });

  it("names YAML's .nan and .inf instead of calling them numbers", () => {
    const issues = (anger: string) => check(yogurt.replace('anger: 85', `anger: ${anger}`)).issues.filter((i) => i.path === 'customer.anger');
    expect(issues('.nan').map((i) => formatIssue(i))).toEqual([expect.stringMatching(/invalid_type expected number, got not-a-number \(\.nan\)$/)]);
    expect(issues('-.inf').map((i) => formatIssue(i))).toEqual([expect.stringMatching(/invalid_type expected number, got infinity \(\.inf\)$/)]);
  });

  it('reports malformed YAML at its line and column', () => {
    const issues = check('version: 1\nid: [unclosed\ntitle: x\n').issues;
    expect(issues.map((i) => formatIssue(i))).toEqual(['x.yaml:3:1 yaml_syntax Flow sequence in block collection must be sufficiently indented and end with a ]']);
  });

  it('refuses an alias bomb quickly and clearly', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)}]`);
    const issues = check(bomb.join('\n')).issues;
    expect(issues.map((i) => i.code)).toEqual(['yaml_alias_limit']);
  });

  it('refuses a file over the size limit, binary junk and deep nesting', () => {
    expect(check('x'.repeat(3 * 1024 * 1024)).issues.map((i) => i.code)).toEqual(['file_too_large']);
    expect(check('\u0000\u0001\u0002\u00ff\ufffd'.repeat(100)).issues.length).toBeGreaterThan(0);
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    expect(check(deep).issues.length).toBeGreaterThan(0);
  });

  it('checks patterns, duplicate ids inside a file and the step model', () => {
    const text = yogurt
      .replace('      - (撕开|打开|拆开|吸管|封口|盖子|揭开|掀开)', '      - (撕开|打开')
      .replace('  - id: cup_state', '  - id: where_found')
      .replace('step_model: counter', 'step_model: countre');
    const codes = check(text).issues.map((i) => `${i.code}:${i.path}`);
    expect(codes).toContain('bad_pattern:facts.1.asked_by.0');
    expect(codes).toContain('duplicate_id:facts.1.id');
    expect(codes).toContain('unknown_reference:step_model');
    expect(check(text).issues.find((i) => i.path === 'step_model')?.params.suggestion).toBe('counter');
    expect(codes).toContain('unknown_reference:beats.6.when.asked.0');
  });

  it('finds duplicate scenario ids across files', () => {
    const sources = [
      { file: 'a.yaml', text: yogurt },
      { file: 'b.yaml', text: yogurt },
    ];
    const issues = checkLibrary(sources.map((s) => checkScenario(s, rubric.data)), sources);
    expect(issues.map((i) => formatIssue(i))).toEqual([expect.stringMatching(/^b\.yaml:\d+:\d+ duplicate_id duplicate id 'yogurt-fly' \(first defined at a\.yaml:\d+:\d+\)$/)]);
  });
});

describe('transcripts and rubric files', () => {
  it('explains a transcript whose turns are not a list', () => {
    const parsed = parseYaml('turns:\n  agent: hello\n', 't.yaml', Transcript);
    expect(parsed.issues.map((i) => `${i.line}:${i.col} ${i.code}`)).toEqual(['2:3 invalid_type']);
  });

  it("points at a typo'd turn key", () => {
    const parsed = parseYaml('turns:\n  - customer: hi\n  - agnet: hello\n', 't.yaml', Transcript);
    expect(parsed.issues.map((i) => formatIssue(i))).toContain("t.yaml:3:5 unknown_key unknown key 'agnet', did you mean 'agent'?");
  });

  it('names the wrong value, not a known key, when a turn holds a number', () => {
    const parsed = parseYaml('turns:\n  - customer: 123\n  - agent: hello\n', 't.yaml', Transcript);
    expect(parsed.issues.map((i) => formatIssue(i))).toEqual(['t.yaml:2:15 invalid_type expected string, got number']);
  });

  it('says a turn is customer or agent, not both', () => {
    const parsed = parseYaml('turns:\n  - customer: hi\n    agent: hello\n', 't.yaml', Transcript);
    expect(parsed.issues.map((i) => formatIssue(i))).toEqual(["t.yaml:2:5 exclusive_keys use one of 'customer', 'agent' here, not both"]);
    expect(renderIssue(parsed.issues[0]!, 'zh')).toBe("这里只能用 'customer', 'agent' 中的一个,不能同时写");
  });

  it('rejects rubric weights that do not add up to 100', () => {
    const files = ['servqual', 'steps', 'signals', 'flags', 'language', 'dynamics'].map((f) => ({
      file: `${f}.yaml`,
      text: readFileSync(new URL(`../../scenarios/rubric/${f}.yaml`, import.meta.url), 'utf8'),
    }));
    expect(checkRubric(files).issues).toEqual([]);
    files[0]!.text = files[0]!.text.replace('weight: 32', 'weight: 30');
    expect(checkRubric(files).issues.map((i) => i.code)).toEqual(['weights_sum']);
  });
});

describe('beats and endings', () => {
  const withDeep = (text: string) => checkScenario({ file: 'x.yaml', text }, rubric.data, playabilityCheck(rubric)).issues;

  it('reports unknown fact, key-point and beat references with a suggestion', () => {
    const text = yogurt.replace('when: { key_points: [quiet_place] }', 'when: { key_points: [quiet_places], after: crowds }');
    const issues = withDeep(text).map((i) => `${i.code} ${i.params.kind} ${i.params.id} ${i.params.suggestion}`);
    expect(issues).toEqual(['unknown_reference key point quiet_places quiet_place', 'unknown_reference beat crowds crowd']);
  });

  it('reports a beat that can never play', () => {
    const looped = yogurt.replace('when: { stage: [opening], anger: [75, 100] }', 'when: { stage: [opening], anger: [75, 100], after: crowd }');
    expect(withDeep(looped).map((i) => i.code)).toEqual(['unreachable_beat']);
    const contradictory = yogurt.replace('when: { stage: [opening], anger: [75, 100] }', 'when: { signals: [remedy], missing: [remedy] }');
    expect(withDeep(contradictory).map((i) => `${i.code}:${i.params.id}`)).toEqual(['unreachable_beat:crowd']);
  });

  it('plays the model answers and reports those that do not reach resolved', () => {
    const impossible = yogurt.replace('endings:\n  resolved:\n', 'endings:\n  resolved:\n    when: { flags: [blame] }\n');
    const issues = withDeep(impossible);
    expect(issues.map((i) => i.code)).toEqual(['unresolvable']);
    expect(String(issues[0]!.params.detail)).toMatch(/answer 1 zh: unfinished/);
  });

  it('warns, without failing, when a scenario has no endings', () => {
    const text = yogurt.slice(0, yogurt.indexOf('endings:'));
    const checked = checkScenario({ file: 'x.yaml', text }, rubric.data, playabilityCheck(rubric));
    expect(checked.issues.map((i) => `${i.severity} ${i.code}`)).toEqual(['warning no_endings']);
    expect(checked.scenario).toBeDefined();
  });
});
