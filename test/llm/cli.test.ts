import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { DEFAULT_OLLAMA_HOST, ollamaConfig } from '../../src/node/ollama-config.ts';
import { fakeIo } from '../helpers/io.ts';
import { closedPortHost, startFakeOllama, type FakeOllama } from './fake-ollama.ts';

const dir = mkdtempSync(join(tmpdir(), 'dojo-llm-cli-'));
const replies = join(dir, 'replies.yaml');
writeFileSync(
  replies,
  `- 李女士,先替我们经理刚才那句话向您道歉,那样说太不应该了。孩子现在感觉怎么样?咱们去旁边办公室坐下,我给孩子倒杯水。
- 换作是我也会吓一跳。是在哪里发现的?当时杯口是撕开的,还是只插了吸管?
- 这盒酸奶我们先封存,今天就送权威机构检测,明天下午五点前我亲自打电话告诉您结果;这杯酸奶先给您退款,这是我的名片。
`,
);
const MODEL_LINE = '你这话还算像句人话,可我心里还是堵得慌。';
const EN_LINE = 'Fine, but I still want a proper answer.';
const VERDICT = {
  dimensions: { reliability: 90, responsiveness: 40, assurance: 80, empathy: 85, tangibles: 70 },
  total: 82,
  comment: '道歉及时,时间承诺具体。',
};

let fake: FakeOllama;
beforeAll(async () => {
  fake = await startFakeOllama({
    models: ['llama3.2:3b', 'qwen2.5:7b'],
    line: (body) => (/怒气/.test(body.messages?.[1]?.content ?? '') ? MODEL_LINE : EN_LINE),
    judge: JSON.stringify(VERDICT),
  });
});
afterAll(() => fake.close());

async function run(args: string[], env: Record<string, string>) {
  const f = fakeIo([], env);
  const code = await main(args, f.io);
  return { code, out: f.stdout(), err: f.stderr() };
}

describe('configuration', () => {
  it('reads OLLAMA_HOST the way Ollama does, OLLAMA_MODEL, --model and the time limits', () => {
    expect(ollamaConfig({})).toEqual({ host: DEFAULT_OLLAMA_HOST, model: 'qwen2.5:7b', limits: {} });
    expect(ollamaConfig({ OLLAMA_HOST: '0.0.0.0' })).toMatchObject({ host: 'http://127.0.0.1:11434' });
    expect(ollamaConfig({ OLLAMA_HOST: 'gpu-box:8080', OLLAMA_MODEL: 'llama3.1:8b' })).toMatchObject({ host: 'http://gpu-box:8080', model: 'llama3.1:8b' });
    expect(ollamaConfig({ OLLAMA_MODEL: 'llama3.1:8b' }, 'qwen2.5:3b')).toMatchObject({ model: 'qwen2.5:3b' });
    expect(ollamaConfig({ DOJO_LLM_FIRST_TOKEN_MS: '250', DOJO_LLM_JUDGE_MS: '9000' })).toMatchObject({ limits: { firstTokenMs: 250, judgeMs: 9000 } });
    expect(ollamaConfig({ DOJO_LLM_FIRST_TOKEN_MS: 'soon' })).toEqual({ error: "DOJO_LLM_FIRST_TOKEN_MS must be a whole number of milliseconds above 0, not 'soon'" });
  });
});

describe('dojo doctor', () => {
  it('reports the server, its models and the configured model as JSON (exit 0)', async () => {
    const r = await run(['doctor', '--json'], { OLLAMA_HOST: fake.host });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      ok: true,
      host: fake.host,
      model: 'qwen2.5:7b',
      server: 'ok',
      models: ['llama3.2:3b', 'qwen2.5:7b'],
      model_present: true,
      problems: [],
    });
  });

  it('names a missing model and how to get it (exit 1)', async () => {
    const r = await run(['doctor', '--model', 'qwen2.5:14b', '--lang', 'en'], { OLLAMA_HOST: fake.host });
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      `Ollama server (${fake.host}): answers\nModels: llama3.2:3b, qwen2.5:7b\nConfigured model qwen2.5:14b: missing\n✘ Run 'ollama pull qwen2.5:14b' (or choose a model it has with --model / OLLAMA_MODEL).\n`,
    );
  });

  it('says when nothing answers (exit 1), in Chinese too', async () => {
    const host = await closedPortHost();
    const r = await run(['doctor', '--json'], { OLLAMA_HOST: host, OLLAMA_MODEL: 'qwen2.5:3b', LANG: 'zh_CN.UTF-8' });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({
      ok: false,
      host,
      model: 'qwen2.5:3b',
      server: 'unreachable',
      models: [],
      model_present: false,
      problems: [{ code: 'llm_unreachable', message: `连不上 ${host}:请安装并启动 Ollama(ollama serve),或设置 OLLAMA_HOST。` }],
    });
  });

  it('exits 2 on usage errors', async () => {
    expect((await run(['doctor', '--frobnicate'], {})).code).toBe(2);
    expect((await run(['doctor', 'extra'], {})).code).toBe(2);
    expect((await run(['doctor'], { DOJO_LLM_LOAD_MS: '-1' })).code).toBe(2);
    expect((await run(['doctor', '--help'], {})).out).toContain('Usage: dojo doctor');
  });
});

describe('dojo play --llm', () => {
  const env = () => ({ OLLAMA_HOST: fake.host, DOJO_LLM_FIRST_TOKEN_MS: '300' });

  it('prints the improvised lines, the second opinion and no notices as JSON', async () => {
    fake.options = { ...fake.options, mode: 'ok' };
    const plain = JSON.parse((await run(['play', 'yogurt-fly', '--replies', replies, '--seed', '3', '--json', '--lang', 'zh'], {})).out);
    const r = await run(['play', 'yogurt-fly', '--replies', replies, '--seed', '3', '--json', '--llm', '--lang', 'zh'], env());
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    // The engine decided the same conversation; only the wording of the middle line changed,
    // and with it how much of the customer's wording the replies take up (a point at most).
    expect(out.outcome).toBe(plain.outcome);
    const { total, wording, ...judgement } = out.report;
    const { total: plainTotal, wording: plainWording, ...plainJudgement } = plain.report;
    expect(judgement).toEqual(plainJudgement);
    expect({ ...wording, customer_echo: 0 }).toEqual({ ...plainWording, customer_echo: 0 });
    expect(Math.abs(total - plainTotal)).toBeLessThanOrEqual(1);
    expect(out.turns.map((t: { anger: number }) => t.anger)).toEqual(plain.turns.map((t: { anger: number }) => t.anger));
    expect(out.turns.map((t: { agent?: string }) => t.agent)).toEqual(plain.turns.map((t: { agent?: string }) => t.agent));
    // Answers to the trainee's questions stay the scenario's facts word for word; the model words the rest.
    expect(out.turns.map((t: { customer: string }) => t.customer)).toEqual([
      plain.turns[0].customer,
      `他喝了两口,现在看着还行,可我吓坏了。 ${MODEL_LINE}`,
      `就在你们超市旁边那家小饭馆,我们买完就过去吃饭了。 盖子是我撕开给他的,他自己捧着喝……这有什么关系? ${MODEL_LINE}`,
      plain.turns[3].customer,
    ]);
    expect(out.llm.model).toBe('qwen2.5:7b');
    expect(out.llm.notices).toEqual([]);
    expect(out.llm.lines.map((l: { turn: number; source: string }) => [l.turn, l.source])).toEqual([[3, 'model'], [5, 'model']]);
    expect(out.llm.second_opinion).toMatchObject({ status: 'ok', cached: false, total: 82, dimensions: VERDICT.dimensions, comment: VERDICT.comment });
    const rows = out.llm.second_opinion.comparison as { id: string; rules: number; model: number; differs: boolean }[];
    expect(rows.map((x) => x.rules)).toEqual([...Object.values(plain.report.dimensions), plain.report.total]);
    expect(out.llm.second_opinion.differing).toEqual(rows.filter((x) => Math.abs(x.model - x.rules) > 15).map((x) => x.id));
  });

  it('carries on with scripted lines and one notice when the model fails mid-stream', async () => {
    fake.options = { ...fake.options, mode: 'disconnect' };
    const plain = JSON.parse((await run(['play', 'yogurt-fly', '--replies', replies, '--seed', '3', '--json'], {})).out);
    const out = JSON.parse((await run(['play', 'yogurt-fly', '--replies', replies, '--seed', '3', '--json', '--llm'], env())).out);
    expect(out.turns).toEqual(plain.turns);
    expect(out.llm.notices).toEqual([{ code: 'llm_stream_broken', message: 'The local model stopped mid-reply; using scripted lines.' }]);
    expect(out.llm.second_opinion).toEqual({ status: 'unavailable', code: 'llm_stream_broken' });
  });

  it('shows the notice once on stderr and the second opinion after the report', async () => {
    fake.options = { ...fake.options, mode: 'ok' };
    const r = await run(['play', 'yogurt-fly', '--replies', replies, '--seed', '3', '--llm', '--lang', 'en'], { ...env(), OLLAMA_MODEL: 'mistral:7b' });
    expect(r.code).toBe(0);
    expect(r.err).toBe("dojo play: Model mistral:7b is not on the local server; using scripted lines. Run 'ollama pull mistral:7b' first.\n");
    expect(r.out).toContain('Second opinion: unavailable (llm_model_missing)');
    const ok = await run(['play', 'yogurt-fly', '--replies', replies, '--seed', '3', '--llm', '--lang', 'en'], env());
    expect(ok.err).toBe('');
    expect(ok.out).toMatch(/Second opinion \(qwen2\.5:7b; for reference, the rule score is official\)\n +rules model\nReliability 32% +\d+ +90/);
    expect(ok.out).toContain('Comment: 道歉及时,时间承诺具体。');
  });

  it('keeps --model for --llm only', async () => {
    expect((await run(['play', 'yogurt-fly', '--replies', replies, '--model', 'x'], {})).code).toBe(2);
  });
});
