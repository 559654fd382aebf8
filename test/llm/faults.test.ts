// The session against a real HTTP server on 127.0.0.1 speaking Ollama's API, through the real
// `ollama` client: every fault leaves a conversation that carries on with scripted lines, one
// notice, and every trainee reply in the transcript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDialogue, type DialogueState } from '../../src/dialogue/engine.ts';
import { playWithModel } from '../../src/llm/play.ts';
import { createLlmSession, lineIntentOf } from '../../src/llm/session.ts';
import { createOllamaClient } from '../../src/node/ollama-config.ts';
import { rubric, scenario } from '../helpers/library.ts';
import { closedPortHost, startFakeOllama, type FakeMode, type FakeOllama } from './fake-ollama.ts';

const yogurt = scenario('yogurt-fly');
const dialogue = createDialogue(rubric, [yogurt]);
const replies = [
  '李女士,先替我们经理刚才那句话向您道歉,那样说太不应该了。咱们去旁边办公室坐下,我给您倒杯水。',
  '换作是我也会生气。您觉得这件事怎么处理比较好?',
  '这盒酸奶我们先封存,今天就送权威机构检测,明天下午五点前我亲自打电话告诉您结果;这杯酸奶先给您退款,这是我的名片。',
];
const LIMITS = { firstTokenMs: 300, totalMs: 3000, loadMs: 3000, judgeMs: 3000 };
const MODEL_LINE = '你这话还算像句人话,可我心里还是堵得慌。';

/** The same conversation without a model: the lines every fault must fall back to. */
function scripted(): DialogueState {
  let { state } = dialogue.startSession(yogurt, { seed: 4, now: 0, lang: 'zh' });
  for (const r of replies) state = dialogue.step(state, r).state;
  return state;
}
const agentLines = (s: DialogueState) => s.transcript.flatMap((t) => ('agent' in t ? [t.agent] : []));
const customerLines = (s: DialogueState) => s.transcript.flatMap((t) => ('customer' in t ? [t.customer] : []));

let fake: FakeOllama;
beforeAll(async () => {
  fake = await startFakeOllama();
});
afterAll(() => fake.close());

async function play(host: string, model = 'qwen2.5:7b') {
  const session = createLlmSession({ client: createOllamaClient(host), model, lang: 'zh', host, limits: LIMITS });
  const state = await playWithModel({ dialogue, scenario: yogurt, session, replies, seed: 4, lang: 'zh' });
  return { session, state };
}

describe('the improvising customer against a fake Ollama', () => {
  it('words the customer lines when all is well, keeping the engine in charge', async () => {
    fake.options = { mode: 'ok', line: MODEL_LINE };
    const before = fake.requests.length;
    const { session, state } = await play(fake.host);
    const rules = scripted();
    expect(session.notices()).toEqual([]);
    expect(agentLines(state)).toEqual(replies);
    // Same anger curve, outcome and number of lines as without the model; the model's wording in between.
    expect(state.angerCurve).toEqual(rules.angerCurve);
    expect(state.outcome).toBe(rules.outcome);
    expect(customerLines(state)).toEqual([...customerLines(rules).slice(0, 2), MODEL_LINE, MODEL_LINE, customerLines(rules)[4]]);
    expect(session.lines().map((l) => [l.turn, l.source])).toEqual([[3, 'model'], [5, 'model']]);
    const calls = fake.requests.slice(before);
    expect(calls.map((r) => [r.path, r.body?.stream ?? false, r.body?.messages?.length ?? 0])).toEqual([
      ['/api/chat', false, 0],
      ['/api/chat', true, 2],
      ['/api/chat', true, 2],
    ]);
    expect(calls[1]!.body!.messages![1]!.content).toContain('怒气');
  });

  const faults: [string, FakeMode | 'down' | 'missing', string][] = [
    ['the server is down', 'down', 'llm_unreachable'],
    ['the model is missing', 'missing', 'llm_model_missing'],
    ['HTTP 500', 'http500', 'llm_server_error'],
    ['HTTP 500 with a plain-text body', 'text500', 'llm_server_error'],
    ['malformed JSON mid-stream', 'malformed', 'llm_malformed'],
    ['a disconnect mid-stream', 'disconnect', 'llm_stream_broken'],
    ['a 5 s stall after the headers', 'stall', 'llm_timeout'],
  ];
  it.each(faults)('%s: scripted lines, one notice (%s), every reply kept', async (_, mode, code) => {
    fake.options = { mode: mode === 'down' || mode === 'missing' ? 'ok' : mode, stallMs: 5000, line: MODEL_LINE };
    const host = mode === 'down' ? await closedPortHost() : fake.host;
    const started = Date.now();
    const { session, state } = await play(host, mode === 'missing' ? 'llama3.1:8b' : 'qwen2.5:7b');
    const rules = scripted();
    expect(session.notices().map((n) => n.code)).toEqual([code]);
    expect(session.active).toBe(false);
    expect(agentLines(state)).toEqual(replies);
    expect(state.transcript).toEqual(rules.transcript);
    expect(state.outcome).toBe(rules.outcome);
    expect(session.lines().every((l) => l.source === 'scripted')).toBe(true);
    // The fallback came at the first-token limit, not after the stall.
    if (mode === 'stall') expect(Date.now() - started).toBeLessThan(2000);
  });

  it('shows no piece of a stalled answer, then stops asking', async () => {
    fake.options = { mode: 'stall', stallMs: 5000, line: MODEL_LINE };
    const session = createLlmSession({ client: createOllamaClient(fake.host), model: 'qwen2.5:7b', lang: 'zh', limits: LIMITS });
    let { state } = dialogue.startSession(yogurt, { seed: 4, now: 0, lang: 'zh' });
    const seen: string[] = [];
    const before = fake.requests.length;
    for (const reply of replies.slice(0, 2)) {
      const step = dialogue.step(state, reply);
      state = (await session.customerLine(yogurt, step.state, lineIntentOf(step.events)!, { onText: (t) => seen.push(t) })).state;
    }
    const streamed = fake.requests.slice(before).filter((r) => r.body?.stream);
    expect(streamed).toHaveLength(1); // the second line did not ask: the model is off after the stall
    // The client hung up at the limit, so the pieces the server had ready were never sent.
    await new Promise((r) => setTimeout(r, 100));
    expect(streamed[0]!.clientClosedEarly).toBe(true);
    expect(seen).toEqual([]);
    expect(session.lines().map((l) => l.why)).toEqual(['llm_timeout', 'off']);
    expect(session.notices()).toEqual([{ code: 'llm_timeout', message: '本地模型 300 毫秒内没有回应,改用剧本台词。' }]);
  });

  it('drops a stalled answer whose headers come late, and nothing of it arrives afterwards', async () => {
    fake.options = { mode: 'stall-headers', stallMs: 800, pieceMs: 30, line: MODEL_LINE };
    const session = createLlmSession({ client: createOllamaClient(fake.host), model: 'qwen2.5:7b', lang: 'zh', limits: LIMITS });
    const start = dialogue.startSession(yogurt, { seed: 4, now: 0, lang: 'zh' });
    const step = dialogue.step(start.state, replies[0]!);
    const seen: string[] = [];
    const result = await session.customerLine(yogurt, step.state, lineIntentOf(step.events)!, { onText: (t) => seen.push(t) });
    expect(result.state).toEqual(step.state);
    await new Promise((r) => setTimeout(r, 1200)); // the server answers at 800 ms, after the 300 ms limit
    expect(seen).toEqual([]);
    // When the late answer did come, the client hung up on it at once.
    expect(fake.requests.at(-1)!.clientClosedEarly).toBe(true);
    expect(session.notices().map((n) => n.code)).toEqual(['llm_timeout']);
  });

  it('streams the line piece by piece to the screen', async () => {
    fake.options = { mode: 'ok', line: MODEL_LINE };
    const session = createLlmSession({ client: createOllamaClient(fake.host), model: 'qwen2.5:7b', lang: 'zh', limits: LIMITS });
    const start = dialogue.startSession(yogurt, { seed: 4, now: 0, lang: 'zh' });
    const step = dialogue.step(start.state, replies[0]!);
    const seen: string[] = [];
    const result = await session.customerLine(yogurt, step.state, lineIntentOf(step.events)!, { onText: (t) => seen.push(t) });
    expect(seen).toHaveLength([...MODEL_LINE].length);
    expect(seen.slice(0, 3)).toEqual(['你', '你这', '你这话']);
    expect(seen.at(-1)).toBe(MODEL_LINE);
    expect(result.state.transcript.at(-1)).toEqual({ customer: MODEL_LINE });
    expect(result.record.firstTokenMs).toBeGreaterThanOrEqual(0);
  });
});
