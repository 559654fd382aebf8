import { describe, expect, it } from 'vitest';
import { checkBank } from '../../src/quiz/validate.ts';
import { formatIssue, renderIssue } from '../../src/scenario/issues.ts';
import { rubric } from './helpers.ts';

const ctx = { stepIds: rubric.data.step_models.flatMap((m) => m.steps.map((s) => s.id)), negation: rubric.negation };
const check = (text: string, file = 'bank.yaml') => checkBank([{ file, text }], ctx);
const brief = (text: string) => check(text).issues.map((i) => `${i.line}:${i.col} ${i.code} ${i.path}`);

const good = `version: 1
questions:
  - id: q1
    type: single
    topic: servqual
    prompt: 哪一项权重最高?
    options:
      - { id: a, text: 可靠性 }
      - { id: b, text: 有形性 }
    answer: a
    explanation: 可靠性 32%。
    source: seed 000
`;

describe('question-bank validation', () => {
  it('accepts a good file and fills in defaults', () => {
    const r = check(good);
    expect(r.issues).toEqual([]);
    expect(r.bank.questions).toEqual([
      { id: 'q1', type: 'single', topic: 'servqual', difficulty: 2, prompt: '哪一项权重最高?', options: [{ id: 'a', text: '可靠性' }, { id: 'b', text: '有形性' }], answer: 'a', explanation: '可靠性 32%。', source: 'seed 000' },
    ]);
  });

  it('reports shape errors with line:col: unknown keys with a suggestion, missing keys, bad values', () => {
    const text = good.replace('    answer: a\n', '    answr: a\n').replace('topic: servqual', 'topic: servquall');
    expect(brief(text)).toEqual(['5:12 invalid_value questions.0.topic', '3:5 missing_key questions.0.answer', '10:5 unknown_key questions.0.answr']);
    const issue = check(text).issues.find((i) => i.code === 'unknown_key')!;
    expect(formatIssue(issue)).toBe("bank.yaml:10:5 unknown_key unknown key 'answr', did you mean 'answer'?");
    expect(renderIssue(issue, 'zh')).toBe("未知的键 'answr',是不是想写 'answer'?");
  });

  it('names a mistyped question type and lists the types', () => {
    const r = check(good.replace('type: single', 'type: singel'));
    expect(r.issues.map((i) => `${i.line}:${i.col} ${i.code}`)).toEqual(['4:11 unknown_question_type']);
    expect(renderIssue(r.issues[0]!)).toBe("unknown question type 'singel', did you mean 'single'?; the types are single, multiple, true_false, fill, short, case");
  });

  it('reports an answer that names no option, and duplicate option ids', () => {
    const text = good.replace('answer: a', 'answer: c').replace('{ id: b, text: 有形性 }', '{ id: a, text: 有形性 }');
    expect(brief(text)).toEqual(['9:15 duplicate_id questions.0.options.1.id', '10:13 unknown_option questions.0.answer']);
    expect(renderIssue(check(text).issues[1]!, 'zh')).toBe("答案 'c' 不在选项中(a, a)");
  });

  it('reports duplicate question ids across files with where the first one is', () => {
    const r = checkBank([{ file: 'a.yaml', text: good }, { file: 'b.yaml', text: good }], ctx);
    expect(r.issues.map((i) => formatIssue(i))).toEqual(["b.yaml:3:9 duplicate_id duplicate id 'q1' (first defined at a.yaml:3:9)"]);
    // The broken file is left out; the first still loads.
    expect(r.bank.questions.map((q) => q.id)).toEqual(['q1']);
  });

  const open = `version: 1
questions:
  - id: s1
    type: short
    topic: steps
    prompt: 面对面投诉第一步?
    answer: 先道歉。
    key_points:
      - id: apologise
        text: 先道歉
        patterns: ['道歉?']
    explanation: e
    source: s
    links: { steps: [accept_apologize], flags: [blame] }
`;

  it('reports patterns that do not compile and links to unknown steps, at their place', () => {
    expect(brief(open)).toEqual(['11:20 bad_pattern questions.0.key_points.0.patterns.0', '14:22 unknown_step questions.0.links.steps.0']);
    expect(renderIssue(check(open).issues[1]!)).toBe("unknown step 'accept_apologize', did you mean 'accept_apologise'?");
  });

  it('reports a reference answer that misses its own key points', () => {
    const text = open.replace("['道歉?']", '[感谢]').replace('accept_apologize', 'accept_apologise');
    expect(brief(text)).toEqual(['7:13 reference_misses questions.0.answer']);
    expect(renderIssue(check(text).issues[0]!, 'en')).toBe('the reference answer (zh) does not hit its own key points: apologise');
  });

  it('reports YAML syntax errors with line:col and never throws', () => {
    expect(brief('version: 1\nquestions:\n  - id: [unclosed\n')[0]).toMatch(/^\d+:\d+ yaml_syntax $/);
    expect(brief('')).toEqual(['1:1 invalid_type ']);
  });
});
