import { render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PracticeApp } from '../../src/cli/practice/PracticeApp.tsx';
import { createDialogue } from '../../src/dialogue/engine.ts';
import { createLlmSession } from '../../src/llm/session.ts';
import { createOllamaClient } from '../../src/node/ollama-config.ts';
import { tick as pause, waitForScreen } from '../helpers/ink.ts';
import { rubric, scenario } from '../helpers/library.ts';
import { startFakeOllama, type FakeOllama } from './fake-ollama.ts';

const tick = () => pause(20);
const yogurt = scenario('yogurt-fly');
const dialogue = createDialogue(rubric, [yogurt]);
const MODEL_LINE = '你这话还算像句人话,可我心里还是堵得慌。';
const REPLY = '经理那样说太不应该了,我向您道歉。咱们去办公室坐下说。';
const SCRIPTED = '……去就去。可我把话说在前头,今天没个说法我是不会走的。';
const VERDICT = { dimensions: { reliability: 90, responsiveness: 40, assurance: 80, empathy: 85, tangibles: 70 }, total: 82, comment: '先道歉,做得好。' };

let fake: FakeOllama;
let app: ReturnType<typeof render> | undefined;
beforeAll(async () => {
  fake = await startFakeOllama({ line: MODEL_LINE, judge: JSON.stringify(VERDICT) });
});
afterAll(() => fake.close());
afterEach(() => app?.unmount());

async function start() {
  const llm = createLlmSession({ client: createOllamaClient(fake.host), model: 'qwen2.5:7b', lang: 'zh', limits: { firstTokenMs: 500, totalMs: 5000 } });
  app = render(<PracticeApp dialogue={dialogue} rubric={rubric} scenarios={[yogurt]} initial={yogurt} lang="zh" seed={1} now={() => 0} interactive llm={llm} />);
  await tick(); // let ink subscribe to input before the first keystroke
  return llm;
}
const waitFor = (test: (f: string) => boolean, timeoutMs = 5000) => waitForScreen(app!, test, timeoutMs, 20);
const customerLines = (f: string) => f.split('\n').filter((l) => l.startsWith('顾客: '));

describe('dojo practice --llm', () => {
  it('streams the customer line piece by piece while the trainee can keep typing', async () => {
    fake.options = { ...fake.options, mode: 'ok', pieceMs: 40 };
    await start();
    app!.stdin.write(REPLY);
    await waitFor((f) => f.includes(`> ${REPLY}`));
    await tick(); // the input's key handler sees the typed text one effect after the frame shows it
    app!.stdin.write('\r');
    const partial = await waitFor((f) => /顾客: 你这话.*▍/.test(f) && !f.includes(`${MODEL_LINE}▍`));
    expect(customerLines(partial).at(-1)).toMatch(/^顾客: 你这话[^▍]*▍$/);
    expect(partial).toContain(`你: ${REPLY}`);
    app!.stdin.write('孩子还好吗');
    const done = await waitFor((f) => customerLines(f).at(-1) === `顾客: ${MODEL_LINE}`);
    expect(customerLines(done).at(-1)).toBe(`顾客: ${MODEL_LINE}`);
    expect(done).toContain('> 孩子还好吗'); // typed during the stream, still there
    expect(done).not.toContain('⚠');
  });

  it('falls back to the scripted line with one notice when the stream breaks, and the next reply goes through', async () => {
    fake.options = { ...fake.options, mode: 'disconnect', pieceMs: 0 };
    await start();
    app!.stdin.write(`${REPLY}\r`);
    const f = await waitFor((x) => x.includes('⚠'));
    expect(customerLines(f).at(-1)).toBe(`顾客: ${SCRIPTED}`);
    expect(f.split('\n').filter((l) => l.includes('⚠'))).toEqual(['⚠ 本地模型的回复中途断开,改用剧本台词。']);
    app!.stdin.write('孩子现在还好吗?\r');
    const next = await waitFor((x) => x.includes('你: 孩子现在还好吗?') && customerLines(x).at(-1)!.startsWith('顾客: 他喝了两口'));
    expect(next).toContain(`你: ${REPLY}`);
    expect(customerLines(next).at(-1)).toMatch(/^顾客: 他喝了两口,现在看着还行,可我吓坏了。/);
    expect(next.split('\n').filter((l) => l.includes('⚠'))).toHaveLength(1);
  });

  it('shows the second opinion beside the official report, marking differences over 15 points', async () => {
    fake.options = { ...fake.options, mode: 'ok', pieceMs: 0 };
    await start();
    app!.stdin.write(`${REPLY}\r`);
    await waitFor((f) => customerLines(f).at(-1) === `顾客: ${MODEL_LINE}`);
    app!.stdin.write('\u001B'); // Esc ends the session
    const report = await waitFor((f) => f.includes('点评:'));
    const lines = report.split('\n');
    const at = lines.indexOf('第二意见(qwen2.5:7b,仅供参考;以规则评分为准)');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^ +规则 +模型$/);
    expect(lines[at + 2]).toMatch(/^可靠性 32% +\d+ +90/);
    expect(lines.slice(at + 2, at + 8).every((l) => /\d+ +\d+( +≠ 相差 [+-]\d+ 分)?$/.test(l))).toBe(true);
    expect(lines[at + 8]).toBe('点评:先道歉,做得好。');
    expect(lines.at(-1)).toBe('报告 — 按 q 退出');
  });
});
