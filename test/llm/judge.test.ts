import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDialogue, type DialogueState } from '../../src/dialogue/engine.ts';
import { compareScores } from '../../src/llm/compare.ts';
import { canonicalJson, fnv1a64, hashOf } from '../../src/llm/hash.ts';
import { JUDGE_FORMAT, judgeKey, parseVerdict, type JudgeVerdict } from '../../src/llm/judge.ts';
import { createLlmSession } from '../../src/llm/session.ts';
import { createOllamaClient } from '../../src/node/ollama-config.ts';
import { rubric, scenario } from '../helpers/library.ts';
import { startFakeOllama, type FakeOllama } from './fake-ollama.ts';

const yogurt = scenario('yogurt-fly');
const dialogue = createDialogue(rubric, [yogurt]);
const LIMITS = { firstTokenMs: 300, totalMs: 3000, loadMs: 3000, judgeMs: 3000 };

function played(replies: string[]): DialogueState {
  let { state } = dialogue.startSession(yogurt, { seed: 2, now: 0, lang: 'zh' });
  for (const r of replies) state = dialogue.step(state, r).state;
  return state;
}
const state = played(['非常抱歉,经理那样说太不应该了。孩子还好吗?我们去办公室坐下说。', '今天就送检测,明天下午五点前我给您打电话。']);
const report = dialogue.report(state);
/** The rule scores shifted by fixed amounts: +20, −16, +15, 0, −30 and total +5. */
const verdict: JudgeVerdict = {
  dimensions: {
    reliability: Math.min(100, report.dimensions.reliability + 20),
    responsiveness: Math.max(0, report.dimensions.responsiveness - 16),
    assurance: Math.min(100, report.dimensions.assurance + 15),
    empathy: report.dimensions.empathy,
    tangibles: Math.max(0, report.dimensions.tangibles - 30),
  },
  total: Math.min(100, report.total + 5),
  comment: '先为经理道歉、关心孩子,做得好;承诺的时间很具体。',
};

let fake: FakeOllama;
beforeAll(async () => {
  fake = await startFakeOllama({ judge: JSON.stringify(verdict) });
});
afterAll(() => fake.close());

const session = () => createLlmSession({ client: createOllamaClient(fake.host), model: 'qwen2.5:7b', lang: 'zh', limits: LIMITS });
const input = (s: DialogueState) => ({ dimensions: rubric.data.dimensions, scenario: yogurt, state: s, report: dialogue.report(s) });

describe('hashing', () => {
  it('is FNV-1a 64 over UTF-8 and independent of key order', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
    expect(canonicalJson({ b: [1, { d: 2, c: undefined }], a: '酸' })).toBe('{"a":"酸","b":[1,{"d":2}]}');
    expect(hashOf({ x: 1, y: 2 })).toBe(hashOf({ y: 2, x: 1 }));
    expect(hashOf({ turns: [{ agent: '好' }] })).not.toBe(hashOf({ turns: [{ agent: '好。' }] }));
  });
});

describe('the second-opinion judge', () => {
  it('asks with the zod schema as format, temperature 0 and a fixed context, and validates the answer', async () => {
    fake.options = { judge: JSON.stringify(verdict) };
    const before = fake.requests.length;
    const opinion = await session().secondOpinion(input(state));
    expect(opinion).toMatchObject({ status: 'ok', cached: false, verdict });
    const calls = fake.requests.slice(before);
    expect(calls.map((c) => c.body?.messages?.length)).toEqual([2]); // no warm-up was asked for
    expect(calls[0]!.body).toMatchObject({ model: 'qwen2.5:7b', stream: false, format: JUDGE_FORMAT, options: { temperature: 0, num_ctx: 8192, seed: 0 } });
    expect(JUDGE_FORMAT).toMatchObject({
      type: 'object',
      required: ['dimensions', 'total', 'comment'],
      properties: { dimensions: { required: ['reliability', 'responsiveness', 'assurance', 'empathy', 'tangibles'] } },
    });
    expect(calls[0]!.body!.messages![1]!.content).toContain('客服: 非常抱歉,经理那样说太不应该了。');
  });

  it('marks the dimensions that differ from the rule engine by more than 15 points', async () => {
    const opinion = await session().secondOpinion(input(state));
    if (opinion.status !== 'ok') throw new Error(opinion.code);
    expect(opinion.comparison.rows.map((r) => [r.id, r.diff, r.differs])).toEqual([
      ['reliability', verdict.dimensions.reliability - report.dimensions.reliability, true],
      ['responsiveness', -16, true],
      ['assurance', 15, false],
      ['empathy', 0, false],
      ['tangibles', verdict.dimensions.tangibles - report.dimensions.tangibles, true],
      ['total', 5, false],
    ]);
    expect(opinion.comparison.differing).toEqual(['reliability', 'responsiveness', 'tangibles']);
    expect([report.dimensions.reliability <= 80, report.dimensions.tangibles >= 30]).toEqual([true, true]); // the shifts were not clipped
    expect(opinion.comparison.rows[0]!.rules).toBe(report.dimensions.reliability); // the rule score stays as it was
  });

  it('caches by transcript hash: the same transcript does not reach the server again', async () => {
    const s = session();
    const before = fake.requests.length;
    const first = await s.secondOpinion(input(state));
    const second = await s.secondOpinion(input({ ...state, updatedAt: 99 }));
    expect(fake.requests.length - before).toBe(1);
    expect([first.status === 'ok' && first.cached, second.status === 'ok' && second.cached]).toEqual([false, true]);
    const longer = played(['非常抱歉,经理那样说太不应该了。孩子还好吗?我们去办公室坐下说。']);
    await s.secondOpinion(input(longer));
    expect(fake.requests.length - before).toBe(2);
    expect(judgeKey({ dimensions: [], turns: state.transcript, lang: 'zh', scenario: yogurt }, 'qwen2.5:7b')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('turns malformed or out-of-range answers into one notice, never a crash', async () => {
    for (const [content, detail] of [
      ['{"dimensions": {"reliability": 70', 'not JSON'],
      [JSON.stringify({ ...verdict, total: 130 }), 'total: too_big'],
      [JSON.stringify({ total: 50, comment: '' }), 'dimensions: invalid_type'],
    ] as const) {
      expect(parseVerdict(content)).toEqual({ ok: false, detail });
      fake.options = { judge: content };
      const s = session();
      expect(await s.secondOpinion(input(played(['好的。', content.slice(0, 10)])))).toEqual({ status: 'unavailable', code: 'judge_invalid' });
      expect(s.notices()).toEqual([{ code: 'judge_invalid', message: '模型的第二意见格式不对,已忽略;以规则评分为准。' }]);
      expect(s.active).toBe(true); // a bad verdict does not switch off the customer
    }
    expect(parseVerdict(JSON.stringify({ ...verdict, total: 71.6 }))).toEqual({ ok: true, verdict: { ...verdict, total: 72 } });
  });

  it('compares without a server: a pure function of the two score sets', () => {
    const c = compareScores(
      { total: 60, dimensions: { reliability: 50, responsiveness: 50, assurance: 50, empathy: 50, tangibles: 50 } },
      { total: 76, comment: '', dimensions: { reliability: 66, responsiveness: 34, assurance: 65, empathy: 35, tangibles: 50 } },
    );
    expect(c.differing).toEqual(['reliability', 'responsiveness', 'total']);
  });
});
