// The local model in the browser, in real Chromium against the fake Ollama of test/llm (behind a
// small CORS proxy, since the page's origin differs from the server's): the setting turned on
// through the UI, "Check connection", a customer line streamed piece by piece and saved as shown,
// resume after a reload; the server down (one notice, scripted lines, nothing typed lost); the
// judge's second opinion beside the rule score with a mark where they differ by more than 15.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDialogue, type DialogueState } from '../../src/dialogue/engine.ts';
import { DEFAULT_OLLAMA_HOST, DEFAULT_OLLAMA_MODEL, modelPresent as nodeModelPresent } from '../../src/node/ollama-config.ts';
import { localize } from '../../src/scenario/schema.ts';
import { rubric, scenario } from '../helpers/library.ts';
import { DEFAULT_HOST, DEFAULT_MODEL, DEFAULT_SETTINGS, modelPresent, normalizeHost, readSettings } from '../../web/features/llm/settings.ts';
import { closedPortHost, startFakeOllama, type FakeOllama } from '../llm/fake-ollama.ts';
import { browserAvailable, launchChromium, screenshot, seriousA11yViolations, serveApp, type ServedApp } from './harness.ts';

const yogurt = scenario('yogurt-fly');
const dialogue = createDialogue(rubric, [yogurt]);
const REPLIES = [
  '李女士,先替我们经理刚才那句话向您道歉,那样说太不应该了。咱们去旁边办公室坐下,我给您倒杯水。',
  '换作是我也会生气。您觉得这件事怎么处理比较好?',
  '这盒酸奶我们先封存,今天就送权威机构检测,明天下午五点前我亲自打电话告诉您结果;这杯酸奶先给您退款,这是我的名片。',
];
const MODEL_LINE = '你这话还算像句人话,可我心里还是堵得慌。';
const EN_LINE = "Well, that sounds a little more like it, but I'm still upset.";
const ATTEMPTS_KEY = 'complaint-dojo.attempts.v1';

describe('the web setting for the local model', () => {
  it('defaults to off with the CLI’s host and model', () => {
    expect(DEFAULT_SETTINGS).toEqual({ enabled: false, host: DEFAULT_OLLAMA_HOST, model: DEFAULT_OLLAMA_MODEL });
    expect([DEFAULT_HOST, DEFAULT_MODEL]).toEqual([DEFAULT_OLLAMA_HOST, DEFAULT_OLLAMA_MODEL]);
  });

  it('reads damaged or odd stored values as the defaults, field by field', () => {
    for (const raw of [null, '', '{bad', '[]', 'null', '42', '"on"']) expect(readSettings(raw)).toEqual(DEFAULT_SETTINGS);
    expect(readSettings('{"enabled":"yes","host":42,"model":"two words"}')).toEqual(DEFAULT_SETTINGS);
    expect(readSettings('{"enabled":true,"host":"localhost:8080","model":"llama3.1:8b"}')).toEqual({ enabled: true, host: 'http://localhost:8080', model: 'llama3.1:8b' });
    expect(readSettings('{"enabled":true,"host":"javascript:alert(1)"}')).toEqual({ ...DEFAULT_SETTINGS, enabled: true });
  });

  it('takes a host the way OLLAMA_HOST does', () => {
    expect(normalizeHost('0.0.0.0')).toBe('http://127.0.0.1:11434');
    expect(normalizeHost(':11500')).toBe('http://127.0.0.1:11500');
    expect(normalizeHost('https://ollama.example.org/')).toBe('https://ollama.example.org');
    expect(normalizeHost('   ')).toBeUndefined();
    expect(normalizeHost('http://[bad')).toBeUndefined();
  });

  it('finds the model as dojo doctor does', () => {
    for (const [model, names] of [['qwen2.5', ['qwen2.5:latest']], ['qwen2.5:7b', ['qwen2.5:7b']], ['qwen2.5:7b', ['qwen2.5:3b']], ['llama3', []]] as const) {
      expect(modelPresent(model, names)).toBe(nodeModelPresent(model, names));
    }
  });
});

/**
 * The fake Ollama behind a proxy that adds what a real Ollama sends when OLLAMA_ORIGINS allows
 * the page: CORS headers and answers to preflight requests. `delayMs` holds chat requests back.
 */
async function corsProxy(target: string): Promise<{ host: string; delayMs: number; close(): Promise<void> }> {
  const state = { delayMs: 0 };
  const server: Server = createServer((req, res) => {
    const cors = {
      'access-control-allow-origin': req.headers.origin ?? '*',
      'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
      'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
      vary: 'Origin',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      return res.end();
    }
    const forward = () => {
      const url = new URL(req.url ?? '/', target);
      const up = request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...cors });
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      });
      up.on('error', () => res.destroy());
      res.on('close', () => !res.writableFinished && up.destroy());
      req.pipe(up);
    };
    if (state.delayMs > 0 && req.method === 'POST') setTimeout(forward, state.delayMs);
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `http://127.0.0.1:${port}`,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms) {
      state.delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe.skipIf(!browserAvailable)('the local model in Chromium', { timeout: 90_000 }, () => {
  let app: ServedApp;
  let browser: Browser;
  let fake: FakeOllama;
  let proxy: Awaited<ReturnType<typeof corsProxy>>;

  beforeAll(async () => {
    fake = await startFakeOllama({ line: MODEL_LINE, pieceMs: 40 });
    proxy = await corsProxy(fake.host);
    [app, browser] = await Promise.all([serveApp(), launchChromium()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await proxy?.close();
    await fake?.close();
  });

  async function open(locale: 'zh-CN' | 'en-US'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale, viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); void d.dismiss(); });
    await page.goto(`${app.url}?delay=0#/library`);
    await page.getByTestId('scenario-card-yogurt-fly').waitFor();
    return { context, page, errors };
  }

  /** Turn the model on through the header's settings dialog, pointing it at `host`. */
  async function turnOn(page: Page, host: string, shot?: string): Promise<void> {
    await page.getByTestId('llm-settings-open').click();
    await page.getByTestId('llm-enabled').check();
    await page.getByTestId('llm-host').fill(host);
    if (shot) {
      await page.getByTestId('llm-check').click();
      await page.getByTestId('llm-model-present').waitFor();
      await screenshot(page, shot);
      expect(await seriousA11yViolations(page)).toEqual([]);
    }
    await page.getByTestId('llm-settings-close').click();
    await page.getByTestId('llm-settings').waitFor({ state: 'hidden' });
  }

  async function startYogurt(page: Page): Promise<void> {
    await page.getByTestId('scenario-card-yogurt-fly').getByTestId('start-button').click();
    await page.getByTestId('reply-input').waitFor();
  }

  /** Send a reply and wait until the customer's answer (or the ending) is on screen. */
  async function say(page: Page, text: string): Promise<void> {
    const agents = await page.getByTestId('agent-line').count();
    const customers = await page.getByTestId('customer-line').count();
    await page.getByTestId('reply-input').fill(text);
    await page.getByTestId('reply-input').press('Enter');
    await page.getByTestId('agent-line').nth(agents).waitFor();
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="customer-line"]').length > n || document.querySelector('[data-testid="ending"]') !== null,
      customers,
    );
  }

  async function toReport(page: Page): Promise<void> {
    if (await page.getByTestId('ending').count()) await page.getByTestId('see-report').click();
    else await page.getByTestId('end-session').click();
    await page.getByTestId('report').waitFor();
  }

  const storedState = async (page: Page): Promise<DialogueState> =>
    page.evaluate((key) => JSON.parse(localStorage.getItem(key)!).attempts.at(-1).state, ATTEMPTS_KEY);
  const customerLines = (s: DialogueState) => s.transcript.flatMap((m) => ('customer' in m ? [m.customer] : []));

  /** The conversation the engine alone gives for these replies (same seed): the scripted lines. */
  function scripted(seed: number, replies: readonly string[]): DialogueState {
    let { state } = dialogue.startSession(yogurt, { seed, now: 0, lang: 'zh' });
    for (const r of replies) if (state.outcome === 'ongoing') state = dialogue.step(state, r).state;
    return state;
  }

  it('is off by default, checks the connection, and streams the customer line token by token', async () => {
    const { context, page, errors } = await open('zh-CN');
    expect(await page.getByTestId('llm-settings-open').textContent()).toContain('关');
    await page.getByTestId('llm-settings-open').click();
    expect(await page.getByTestId('llm-enabled').isChecked()).toBe(false);
    expect(await page.getByTestId('llm-host').inputValue()).toBe(DEFAULT_OLLAMA_HOST);
    expect(await page.getByTestId('llm-model').inputValue()).toBe(DEFAULT_OLLAMA_MODEL);
    expect(await page.getByTestId('llm-origin-note').textContent()).toContain('OLLAMA_ORIGINS=');
    await page.getByTestId('llm-settings-close').click();

    fake.options = { line: MODEL_LINE, pieceMs: 80, models: ['qwen2.5:7b', 'llama3.1:8b'] };
    await turnOn(page, proxy.host, 'llm-settings-zh');
    expect(await page.getByTestId('llm-settings-open').textContent()).toContain('开');
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('complaint-dojo.llm.v1')!))).toEqual({ enabled: true, host: proxy.host, model: 'qwen2.5:7b' });

    await startYogurt(page);
    await page.getByTestId('llm-badge').waitFor();
    // Record every text the streaming bubble shows, as the pieces arrive.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => {
        const p = document.querySelector('[data-testid="customer-line-streaming"] p');
        if (p && p.textContent && seen.at(-1) !== p.textContent) seen.push(p.textContent);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await say(page, REPLIES[0]!);
    const before = await page.getByTestId('customer-line').count();
    await page.getByTestId('reply-input').fill(REPLIES[1]!);
    await page.getByTestId('reply-input').press('Enter');
    await page.getByTestId('customer-line-streaming').waitFor();
    await screenshot(page, 'practice-llm-streaming-zh');
    await page.getByTestId('customer-line').nth(before).waitFor();
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    const shown = await page.locator('[data-testid="customer-line"] p').allTextContents();
    // Piece by piece: many growing beginnings of the lines finally shown, the model's words among them.
    expect(seen.length).toBeGreaterThanOrEqual(10);
    expect(seen.every((text) => shown.some((line) => line.startsWith(text)))).toBe(true);
    expect(shown.at(-1)!.endsWith(MODEL_LINE)).toBe(true);
    expect(await page.getByTestId('customer-line-streaming').count()).toBe(0);
    expect(await page.getByTestId('llm-notice').count()).toBe(0);

    // The saved attempt holds the lines the trainee saw, and the engine's state as without a model.
    const state = await storedState(page);
    expect(customerLines(state)).toEqual(shown);
    const rules = scripted(state.seed, REPLIES.slice(0, 2));
    expect(state.angerCurve).toEqual(rules.angerCurve);
    expect(state.transcript.filter((m) => 'agent' in m)).toEqual(rules.transcript.filter((m) => 'agent' in m));
    const chats = fake.requests.filter((r) => r.path === '/api/chat' && r.body?.stream);
    expect(chats.length).toBeGreaterThanOrEqual(1);

    // A reload mid-session resumes with the same lines, and the model keeps wording.
    await page.reload();
    await page.getByTestId('reply-input').waitFor();
    expect(await page.locator('[data-testid="customer-line"] p').allTextContents()).toEqual(shown);
    await say(page, REPLIES[2]!);
    expect(customerLines(await storedState(page))).toEqual(await page.locator('[data-testid="customer-line"] p').allTextContents());
    await screenshot(page, 'practice-llm-zh');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('with the server down: one notice, scripted lines, the conversation goes on and nothing typed is lost', async () => {
    const { context, page, errors } = await open('zh-CN');
    await turnOn(page, await closedPortHost());
    await startYogurt(page);
    await page.getByTestId('reply-input').fill('先打个草稿');
    // The notice comes from loading the model while the trainee reads the opening; the draft stays.
    await page.getByTestId('llm-notice').waitFor();
    expect(await page.getByTestId('reply-input').inputValue()).toBe('先打个草稿');
    for (const r of REPLIES) await say(page, r);
    expect(await page.getByTestId('llm-notice').count()).toBe(1);
    expect(await page.getByTestId('llm-notice').getAttribute('data-code')).toBe('llm_unreachable');
    expect(await page.getByTestId('llm-notice').textContent()).toContain('OLLAMA_ORIGINS');
    const state = await storedState(page);
    const rules = scripted(state.seed, REPLIES);
    expect(state.transcript).toEqual(rules.transcript);
    expect(await page.locator('[data-testid="agent-line"] p').allTextContents()).toEqual(REPLIES);
    await screenshot(page, 'practice-llm-down-zh');

    // The report is whole, and says once why there is no second opinion.
    await toReport(page);
    await page.getByTestId('second-opinion-notice').waitFor();
    expect(await page.getByTestId('second-opinion-notice').count()).toBe(1);
    expect(Number(await page.getByTestId('total-score').textContent())).toBe(dialogue.report(state).total);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps what the trainee typed when the stream stalls past the first-token limit', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${app.url}?delay=0&llmFirstTokenMs=500#/library`);
    await page.getByTestId('scenario-card-yogurt-fly').waitFor();
    fake.options = { mode: 'stall', stallMs: 3000, line: MODEL_LINE };
    await turnOn(page, proxy.host);
    await startYogurt(page);
    await page.getByTestId('reply-input').fill(REPLIES[0]!);
    await page.getByTestId('reply-input').press('Enter');
    // While the customer "types", the trainee drafts the next reply; it stays in the box.
    await page.getByTestId('reply-input').fill('草稿不会丢');
    await page.getByTestId('llm-notice').waitFor();
    expect(await page.getByTestId('llm-notice').getAttribute('data-code')).toBe('llm_timeout');
    await page.getByTestId('customer-line').nth(1).waitFor();
    expect(await page.getByTestId('reply-input').inputValue()).toBe('草稿不会丢');
    const state = await storedState(page);
    expect(state.transcript).toEqual(scripted(state.seed, REPLIES.slice(0, 1)).transcript);
    fake.options = { line: MODEL_LINE, pieceMs: 40 };
    await context.close();
  });

  for (const lang of ['en', 'zh'] as const) {
    it(`shows the judge's second opinion beside the rule score, marking differences over 15 (${lang})`, async () => {
      const { context, page, errors } = await open(lang === 'zh' ? 'zh-CN' : 'en-US');
      fake.options = { line: lang === 'zh' ? MODEL_LINE : EN_LINE, pieceMs: 5 };
      await turnOn(page, proxy.host, lang === 'en' ? 'llm-settings-en' : undefined);
      await startYogurt(page);
      for (const r of yogurt.model_answers[0]!.replies.map((x) => localize(x, lang))) await say(page, r);

      // The judge answers with the rule scores, empathy 30 points apart and 5 points elsewhere.
      const state = await storedState(page);
      const rules = dialogue.report({ ...state, lang });
      const clamp = (n: number) => Math.max(0, Math.min(100, n));
      const dims = Object.fromEntries(Object.entries(rules.dimensions).map(([id, v]) => [id, id === 'empathy' ? (v >= 50 ? v - 30 : v + 30) : clamp(v + (v <= 95 ? 5 : -5))]));
      const comment = lang === 'zh' ? '客服道歉及时,但共情还可以更具体。' : 'A prompt apology; the empathy could be more specific.';
      fake.options = { line: EN_LINE, judge: JSON.stringify({ dimensions: dims, total: clamp(rules.total + 3), comment }) };
      proxy.delayMs = 800;
      await toReport(page);
      await page.getByTestId('second-opinion-loading').waitFor();
      proxy.delayMs = 0;
      await page.locator('[data-testid="second-opinion"][data-status="ok"]').waitFor();

      // Rule scores stay official and unchanged; the model's sit beside them.
      expect(Number(await page.getByTestId('total-score').textContent())).toBe(rules.total);
      for (const [id, v] of Object.entries(rules.dimensions)) {
        const row = page.getByTestId(`so-row-${id}`);
        expect(Number(await row.getByTestId('so-rules').textContent())).toBe(v);
        expect(Number(await row.getByTestId('so-model').textContent())).toBe(dims[id]);
        expect(await row.getAttribute('data-differs')).toBe(String(id === 'empathy'));
        expect(await row.getByTestId('so-mark').count()).toBe(id === 'empathy' ? 1 : 0);
      }
      expect(await page.getByTestId('so-row-total').getAttribute('data-differs')).toBe('false');
      expect(await page.getByTestId('so-comment').textContent()).toBe(comment);
      expect(await page.getByTestId('second-opinion').textContent()).toContain(lang === 'zh' ? '官方' : 'official');
      const judge = fake.requests.filter((r) => r.body?.format).at(-1)!.body!;
      expect(judge.options).toMatchObject({ temperature: 0, num_ctx: 8192 });
      await page.locator('[data-testid="radar-chart"] svg.recharts-surface').waitFor();
      await screenshot(page, `report-second-opinion-${lang}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByTestId('second-opinion').screenshot({ path: join(import.meta.dirname, '../../test-output/screens', `report-second-opinion-panel-${lang}.png`) });

      // Reopened, the verdict comes from the cache (by transcript hash), not from the model again.
      const asked = fake.requests.filter((r) => r.body?.format).length;
      await page.reload();
      await page.locator('[data-testid="second-opinion"][data-status="ok"]').waitFor();
      expect(fake.requests.filter((r) => r.body?.format).length).toBe(asked);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('starts with the model off when its stored setting is damaged', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    await context.addInitScript(() => localStorage.setItem('complaint-dojo.llm.v1', '{"enabled":tru'));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.url}?delay=0#/library`);
    await page.getByTestId('scenario-card-yogurt-fly').waitFor();
    expect(await page.getByTestId('llm-settings-open').textContent()).toContain('off');
    await startYogurt(page);
    expect(await page.getByTestId('llm-status').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
