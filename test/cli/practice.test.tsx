import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { PracticeApp } from '../../src/cli/practice/PracticeApp.tsx';
import { createDialogue } from '../../src/dialogue/engine.ts';
import { stripAnsi, tick, waitForScreen } from '../helpers/ink.ts';
import { rubric, scenario } from '../helpers/library.ts';

const yogurt = scenario('yogurt-fly');
const pump = scenario('pump-warranty');
const dialogue = createDialogue(rubric, [yogurt, pump]);
let app: ReturnType<typeof render> | undefined;
afterEach(() => app?.unmount());

function start(props: Partial<Parameters<typeof PracticeApp>[0]> = {}) {
  app = render(<PracticeApp dialogue={dialogue} rubric={rubric} scenarios={[yogurt, pump]} lang="zh" seed={1} now={() => 0} interactive {...props} />);
  return app;
}

async function type(text: string) {
  app!.stdin.write(text);
  await tick();
}

const waitFor = (text: string) => waitForScreen(app!, text);

describe('dojo practice screens', () => {
  it('opens on the scenario picker and starts the one chosen', async () => {
    start();
    expect(stripAnsi(app!.lastFrame()).split('\n').slice(0, 3)).toEqual([
      '选择一个场景(↑↓ 选择,回车开始,q 退出)',
      '❯ 酸奶里的苍蝇 (respect, ★★★)',
      '  坏了两次的水泵 (compensation, ★★)',
    ]);
    await type('\u001B[B'); // down arrow
    await waitFor('❯ 坏了两次的水泵');
    await type('\r');
    expect((await waitFor('坏了两次的水泵\n')).split('\n')[0]).toBe('坏了两次的水泵');
  });

  it('keeps a reply typed and sent in one burst (Enter before the screen re-renders)', async () => {
    start({ initial: yogurt });
    app!.stdin.write('非常抱歉');
    app!.stdin.write('\r'); // no pause between the text and Enter
    expect(await waitFor('你: 非常抱歉')).toContain('你: 非常抱歉');
  });

  it('shows the customer, the anger meter and the input line', () => {
    start({ initial: yogurt });
    const lines = stripAnsi(app!.lastFrame()).split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '酸奶里的苍蝇',
      '你扮演:超市客服中心负责人  ·  超市卖场,乳品区旁,周围有顾客围观',
      '怒气 █████████░  85',
    ]);
    expect(lines).toContain('顾客: 你们这什么超市!酸奶里喝出苍蝇来了,我儿子都喝进去了!');
    expect(lines.slice(-2)).toEqual(['> 输入你的回复……', '回车 发送 · Tab 提示 · Esc 结束']);
  });

  it('sends a reply with Enter, and the customer reacts', async () => {
    start({ initial: yogurt });
    await type('经理那样说太不应该了,我向您道歉。孩子还好吗?');
    expect(await waitFor('> 经理那样说')).toContain('> 经理那样说太不应该了,我向您道歉。孩子还好吗?');
    await type('\r');
    const frame = await waitFor('顾客: 他喝了两口');
    expect(frame).toContain('你: 经理那样说太不应该了,我向您道歉。孩子还好吗?');
    expect(frame).toContain('顾客: 他喝了两口,现在看着还行,可我吓坏了。');
    expect(frame).toMatch(/怒气 [█░]{10} +[0-9]+/);
    expect(frame).not.toContain('怒气 █████████░  85');
  });

  it('sends each line of pasted text as a reply', async () => {
    start({ initial: pump, lang: 'en' });
    await type("I'm sorry.\rI'll handle this myself.\rAnd");
    const frame = await waitFor('> And');
    expect(frame).toContain("You: I'm sorry.");
    expect(frame).toContain("You: I'll handle this myself.");
    expect(frame).toContain('> And');
  });

  it('toggles a hint with Tab and ends with a report on Esc', async () => {
    start({ initial: yogurt });
    await type('\t');
    expect(await waitFor('提示:')).toMatch(/提示: .+/);
    await type('对不起。');
    await type('\r');
    await waitFor('你: 对不起。');
    await type('\u001B');
    const frame = await waitFor('练习结束');
    expect(frame.split('\n')[0]).toBe('练习结束(未完成)');
    expect(frame).toMatch(/总分 [0-9]+\/100/);
    expect(frame).toContain('处理步骤');
    expect(frame).toContain('示范回答:当场化解(面对面六步)');
    expect(frame).toContain('1. 对不起。');
  });

  it('shows the ending when the customer walks out', async () => {
    start({ initial: yogurt, lang: 'en' });
    await type("That's your own fault.");
    await type('\r');
    await waitFor("You: That's your own fault.");
    await type("That's your own fault, madam.");
    await type('\r');
    const frame = await waitFor('The customer walks out');
    expect(frame.split('\n')[0]).toBe('The customer walks out to take it to the consumer council');
    expect(frame).toContain('Red flags');
    expect(frame).toContain('✘ blaming the customer');
  });
});
