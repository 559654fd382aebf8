import { describe, expect, it } from 'vitest';
import { createGrader, fillKey, parseAnswer } from '../../src/quiz/grade.ts';
import { suggestRating } from '../../src/quiz/schedule.ts';
import { bank, grader, rubric } from './helpers.ts';

const only = (g: ReturnType<typeof grader.grade>) => {
  if ('error' in g) throw new Error(`answer error ${g.error}`);
  return { score: g.score, correct: g.correct, hit: g.hit, missed: g.missed, wrong: g.wrong };
};

describe('grading choice and true/false questions', () => {
  it('single choice: exact, by letter in any case', () => {
    expect(only(grader.grade('sq-weight-top', 'a'))).toEqual({ score: 100, correct: true, hit: ['a'], missed: [], wrong: [] });
    expect(only(grader.grade('sq-weight-top', ' A '))).toMatchObject({ correct: true });
    expect(only(grader.grade('sq-weight-top', 'b'))).toEqual({ score: 0, correct: false, hit: [], missed: ['a'], wrong: ['b'] });
  });

  it('multiple choice: correct only as the exact set; partial credit less wrong picks', () => {
    // sq-members: a, b, c are right.
    expect(only(grader.grade('sq-members', 'c,a,b'))).toEqual({ score: 100, correct: true, hit: ['a', 'b', 'c'], missed: [], wrong: [] });
    expect(only(grader.grade('sq-members', 'ab'))).toEqual({ score: 67, correct: false, hit: ['a', 'b'], missed: ['c'], wrong: [] });
    expect(only(grader.grade('sq-members', 'a b d'))).toEqual({ score: 33, correct: false, hit: ['a', 'b'], missed: ['c'], wrong: ['d'] });
    expect(only(grader.grade('sq-members', 'abcde'))).toMatchObject({ score: 33, correct: false, wrong: ['d', 'e'] });
    expect(only(grader.grade('sq-members', 'de'))).toMatchObject({ score: 0, correct: false });
  });

  it('true/false in either language', () => {
    // sq-tangibles-smallest is true; sq-overpromise-reliability is false.
    for (const yes of ['true', 'T', '对', '正确', '√', 'yes']) expect(only(grader.grade('sq-tangibles-smallest', yes)).correct, yes).toBe(true);
    for (const no of ['false', 'F', '错', '錯誤', '×', 'no']) expect(only(grader.grade('sq-overpromise-reliability', no)).correct, no).toBe(true);
    expect(only(grader.grade('sq-tangibles-smallest', '错'))).toEqual({ score: 0, correct: false, hit: [], missed: [], wrong: [] });
  });

  it('reports answers that name no option instead of guessing', () => {
    const q = bank.questions.find((x) => x.id === 'sq-weight-top')!;
    expect(parseAnswer(q, 'z')).toEqual({ error: 'unknown_option', detail: 'z' });
    expect(parseAnswer(q, '')).toEqual({ error: 'empty', detail: '' });
    expect(grader.grade('sq-tangibles-smallest', 'maybe')).toEqual({ error: 'not_true_false', detail: 'maybe' });
    expect(grader.grade('no-such-question', 'a')).toEqual({ error: 'unknown_question', detail: 'no-such-question' });
  });
});

describe('grading fill-in answers', () => {
  it('matches after normalisation: Traditional = Simplified, width, case, spacing, punctuation', () => {
    expect(fillKey('期望值。')).toBe('期望值');
    expect(fillKey('ＧＲＥＥＮ  Channel')).toBe('greenchannel');
    expect(only(grader.grade('ex-satisfaction-formula', '期望值')).correct).toBe(true);
    // Traditional input: 跟蹤服務 is 跟踪服务.
    expect(only(grader.grade('st-six-last', '跟蹤服務'))).toEqual({ score: 100, correct: true, hit: [], missed: [], wrong: [] });
    expect(only(grader.grade('st-six-last', 'Follow Up')).correct).toBe(true);
    expect(only(grader.grade('sq-weight-responsiveness', '２２％')).correct).toBe(true);
    expect(only(grader.grade('sq-weight-responsiveness', '百分之二十二')).correct).toBe(true);
    expect(only(grader.grade('sq-weight-responsiveness', '32%')).correct).toBe(false);
    expect(only(grader.grade('st-six-last', '倾听')).correct).toBe(false);
  });
});

describe('grading short and case answers by key points', () => {
  it('a paraphrase in other words hits the key points it makes', () => {
    const g = only(grader.grade('mo-identify-case', '他是想被尊重。我会先表示理解他的感受,郑重向他致歉,并说明我们很重视这件事。'));
    expect(g).toEqual({ score: 100, correct: true, hit: ['motive', 'understanding', 'seriousness', 'apology'], missed: [], wrong: [] });
  });

  it('negation: "不需要道歉" does not hit the apology key point', () => {
    const g = only(grader.grade('mo-identify-case', '这是求尊重的客户,要理解他、重视他,但不需要道歉。'));
    expect(g.hit).toEqual(['motive', 'understanding', 'seriousness']);
    expect(g.missed).toEqual(['apology']);
    expect(g.score).toBe(75);
  });

  it('Traditional Chinese answers are graded like Simplified ones', () => {
    const g = only(grader.grade('mo-identify-case', '這是求尊重型的投訴,要充分理解、高度重視,並真誠道歉。'));
    expect(g.hit).toEqual(['motive', 'understanding', 'seriousness', 'apology']);
  });

  it('English answers, with English negation', () => {
    const full = only(grader.grade('mo-identify-case', 'He wants respect. I would show I understand, take his complaint seriously and apologise sincerely.'));
    expect(full).toMatchObject({ score: 100, correct: true });
    const negated = only(grader.grade('mo-identify-case', "He wants respect, so understand him and take it seriously, but don't apologise."));
    expect(negated.missed).toEqual(['apology']);
  });

  it('an answer off the point misses everything and is not correct', () => {
    expect(only(grader.grade('st-counter-six', '给顾客打折。'))).toEqual({
      score: 0,
      correct: false,
      hit: [],
      missed: ['apologise_first', 'explain', 'sympathise', 'solve_quickly', 'apologise_again', 'thank'],
      wrong: [],
    });
  });

  it('the pass mark decides correct; partial answers get the share of their key points', () => {
    // st-yogurt-questions: four key points, pass 60.
    const two = only(grader.grade('st-yogurt-questions', '先问苍蝇是在哪里发现的,再问以前有没有遇到过类似情况。'));
    expect(two).toMatchObject({ score: 50, correct: false, hit: ['where', 'history'] });
    const three = only(grader.grade('st-yogurt-questions', '问在哪发现的,盒子是不是撕开了,以前有没有类似的事。'));
    expect(three).toMatchObject({ score: 75, correct: true, hit: ['where', 'cup', 'history'] });
  });

  it('every reference answer scores 100 on its own question', () => {
    for (const q of bank.questions) {
      if (q.type !== 'short' && q.type !== 'case') continue;
      for (const text of typeof q.answer === 'string' ? [q.answer] : [q.answer.zh, q.answer.en]) {
        if (text) expect(only(grader.grade(q.id, text)).score, `${q.id}: ${text}`).toBe(100);
      }
    }
  });
});

describe('suggested ratings', () => {
  const rate = (id: string, answer: string) => {
    const g = grader.grade(id, answer);
    if ('error' in g) throw new Error(g.error);
    return suggestRating(grader.question(id)!, g);
  };
  it('closed questions: Good when right, Again when wrong, Hard for a half-right multiple choice', () => {
    expect(rate('sq-weight-top', 'a')).toBe(3);
    expect(rate('sq-weight-top', 'c')).toBe(1);
    expect(rate('sq-members', 'ab')).toBe(2);
    expect(rate('sq-members', 'a')).toBe(1);
  });
  it('open questions: Easy at 100, Good from 80, Hard from the pass mark, else Again', () => {
    expect(rate('mo-identify-case', '求尊重;理解;重视;道歉')).toBe(4);
    expect(rate('mo-identify-case', '求尊重;理解;重视')).toBe(2);
    expect(rate('mo-identify-case', '求尊重')).toBe(1);
    expect(rate('st-counter-six', '先道歉,解释原因,表示同情,迅速给出方案并行动,再次道歉')).toBe(3);
  });
});

describe('a grader over any bank', () => {
  it('grades a question bank built in code (as the browser does)', () => {
    const g = createGrader(
      { questions: [{ id: 'x', type: 'short', topic: 'steps', difficulty: 1, prompt: 'p', explanation: 'e', source: 's', answer: 'a', pass: 50, key_points: [{ id: 'k', text: 't', weight: 3, patterns: ['道歉'] }, { id: 'l', text: 't', weight: 1, patterns: ['感谢'] }] }] },
      rubric.negation,
    );
    expect(g.grade('x', '我道歉')).toEqual({ id: 'x', score: 75, correct: true, hit: ['k'], missed: ['l'], wrong: [] });
  });
});
