import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { QuizApp } from '../../src/cli/quiz/QuizApp.tsx';
import { emptyProgress, type QuizProgress } from '../../src/quiz/progress.ts';
import type { QuizBank } from '../../src/quiz/schema.ts';
import { stripAnsi, tick, waitForScreen } from '../helpers/ink.ts';
import { bank, grader } from './helpers.ts';

const T0 = Date.UTC(2025, 0, 6, 9, 0);
const pick = (...ids: string[]): QuizBank => ({ questions: ids.map((id) => bank.questions.find((q) => q.id === id)!) });
let app: ReturnType<typeof render> | undefined;
afterEach(() => app?.unmount());

function start(b: QuizBank, lang: 'zh' | 'en' = 'zh', progress: QuizProgress = emptyProgress()) {
  const saved: QuizProgress[] = [];
  app = render(<QuizApp bank={b} grader={grader} progress={progress} save={(p) => saved.push(p)} now={() => T0} options={{}} lang={lang} interactive />);
  return saved;
}
/**
 * Send keys and wait until the screen changes. Under heavy load ink can miss input written before
 * its input handler is attached; every key here changes the screen, so an unchanged screen means
 * the key was not seen and it is sent again.
 */
async function type(text: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = app!.lastFrame();
    app!.stdin.write(text);
    const deadline = Date.now() + 1000;
    while (app!.lastFrame() === before && Date.now() < deadline) await tick();
    if (app!.lastFrame() !== before) return;
  }
}
const waitFor = (text: string) => waitForScreen(app!, text);

describe('dojo quiz screens', () => {
  it('shows the due counts and a single-choice question with a cursor', () => {
    start(pick('sq-weight-top', 'sq-members'));
    expect(stripAnsi(app!.lastFrame()).split('\n')).toEqual([
      '待做:新题 2 · 学习中 0 · 复习 0 · 本次已做 0 题',
      '',
      '[单选题] 在优质服务五要素中，顾客看得最重(占 32%)的是哪一项?',
      '',
      '❯ A. 可靠性',
      '  B. 反应性',
      '  C. 可信性',
      '  D. 同理性',
      '↑↓ 选择 · 回车 提交 · Esc 退出',
    ]);
  });

  it('grades the answer, shows the explanation and suggested rating, and saves the review on Enter', async () => {
    const saved = start(pick('sq-weight-top', 'sq-members'), 'en');
    await tick();
    await type('\u001B[B'); // down: B, wrong
    await waitFor('❯ B.');
    await type('\r');
    const result = await waitFor('How well did you know it?');
    expect(result).toContain('✘ Not quite · Score 0/100');
    expect(result).toContain('Answer: A. Reliability');
    expect(result.split('\n')).toContain('❯1 Again 1m (suggested)  2 Hard 6m  3 Good 10m  4 Easy 8d');
    await type('3'); // change the rating to Good
    await waitFor('❯3 Good');
    await tick();
    expect(stripAnsi(app!.lastFrame()).split('\n')).toContain(' 1 Again 1m (suggested)  2 Hard 6m ❯3 Good 10m  4 Easy 8d');
    await type('\r');
    const next = await waitFor('[Multiple choice]');
    expect(next.split('\n')[0]).toBe('Due: new 1 · learning 1 · review 0 · 1 answered this session');
    expect(saved.length).toBe(1);
    expect(saved[0]!.log.map((r) => [r.id, r.rating, r.suggested, r.score])).toEqual([['sq-weight-top', 3, 1, 0]]);
  });

  it('ticks multiple-choice options with their letters and Space', async () => {
    start(pick('sq-members'), 'en');
    await tick();
    await type('a');
    await waitFor('[x] A.');
    await type('c');
    await waitFor('[x] C.');
    await type('\u001B[B'); // cursor from C to D
    await type(' ');
    const frame = await waitFor('[x] D.');
    expect(frame).toContain('  [x] A. Reliability');
    expect(frame).toContain('  [x] C. Empathy');
    expect(frame).toContain('❯ [x] D. Low price');
    await type('d'); // untick D
    await waitFor('[ ] D.');
    await type('b');
    await waitFor('[x] B.');
    await type('\r');
    expect(await waitFor('✔ Correct')).toContain('✔ Correct · Score 100/100');
  });

  it('takes a typed answer for a short question and shows every key point hit or missed', async () => {
    start(pick('mo-identify-case'));
    expect(await waitFor('> 输入你的答案……')).toContain('[案例分析题] 判断这位客户的投诉心态，并说明应如何回应。');
    await type('求尊重,要理解他,但不需要道歉');
    await waitFor('> 求尊重');
    await type('\r');
    const frame = await waitFor('要点');
    expect(frame).toContain('✘ 回答错误 · 得分 50/100');
    expect(frame.split('\n').filter((l) => /^[✔✘] /.test(l)).slice(1)).toEqual(['✔ 判断为求尊重', '✔ 充分理解', '✘ 高度重视', '✘ 真诚道歉']);
    expect(frame).toContain('参考答案');
  });

  it('ends with the stats when nothing more is due', async () => {
    start(pick('sq-tangibles-smallest'), 'en');
    await tick();
    await type('\r'); // True is under the cursor: correct
    await waitFor('✔ Correct');
    await type('4'); // Easy: not due again today
    await waitFor('❯4 Easy');
    await type('\r');
    const frame = await waitFor('Nothing more is due today');
    expect(frame).toContain('Reviews today 1 · 30-day retention — · 0 a day · streak 1 days');
    expect(frame).toContain('Press q to quit');
  });
});
