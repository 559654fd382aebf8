// The trainee web app in real Chromium: play to each ending, resume after a reload, inert HTML,
// language switch, corrupt storage, rewrite-and-replay, accessibility; screenshots of each screen.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createDialogue } from '../../src/dialogue/engine.ts';
import { loadLibrary } from '../../src/node/library.ts';
import { localize } from '../../src/scenario/schema.ts';
import { browserAvailable, screenshot, seriousA11yViolations, useWebApp, type OpenedPage } from './harness.ts';

const library = loadLibrary();
const scenario = (id: string) => library.scenarios.get(id)!.scenario;
const BAD_ZH = ['这不是我们的问题,你自己去找厂家。', '规定就是这样,我也没办法。', '你爱投诉就去投诉吧。', '我说了不归我们管。', '你自己没看说明书吧?'];

describe.skipIf(!browserAvailable)('web app in Chromium', { timeout: 90_000 }, () => {
  const web = useWebApp();

  async function open(locale: 'zh-CN' | 'en-US', query = '?delay=0'): Promise<OpenedPage> {
    const opened = await web.open(`${query}#/library`, locale);
    await opened.page.getByTestId('scenario-card-yogurt-fly').waitFor();
    return opened;
  }

  async function say(page: Page, text: string): Promise<void> {
    const before = await page.getByTestId('agent-line').count();
    await page.getByTestId('reply-input').fill(text);
    await page.getByTestId('reply-input').press('Enter');
    await page.getByTestId('agent-line').nth(before).waitFor();
  }

  async function startScenario(page: Page, id: string): Promise<void> {
    await page.getByTestId(`scenario-card-${id}`).getByTestId('start-button').click();
    await page.getByTestId('reply-input').waitFor();
  }

  it('lists every scenario as a card, and search narrows the list', async () => {
    const { context, page, errors } = await open('zh-CN');
    expect(await page.locator('[data-testid^="scenario-card-"]').count()).toBe(library.scenarios.size);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await screenshot(page, 'library-zh');
    await page.getByTestId('library-search').fill('優酪乳'); // Traditional for 酸奶-style search words still finds by title
    await page.getByTestId('library-search').fill('yogurt');
    expect(await page.locator('[data-testid^="scenario-card-"]').count()).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('plays yogurt-fly to "resolved" with good replies, then shows the report and radar', async () => {
    const { context, page, errors } = await open('zh-CN');
    await startScenario(page, 'yogurt-fly');
    await screenshot(page, 'practice-start-zh');
    const replies = scenario('yogurt-fly').model_answers[0]!.replies.map((r) => localize(r, 'zh'));
    for (const r of replies) await say(page, r);
    await page.getByTestId('ending').waitFor();
    await screenshot(page, 'practice-ended-zh');
    await page.getByTestId('see-report').click();
    await page.getByTestId('report').waitFor();
    await page.locator('[data-testid="radar-chart"] svg.recharts-surface').waitFor();
    expect(await page.getByTestId('outcome').getAttribute('data-outcome')).toBe('resolved');

    // The same transcript gets the same score in the browser as in Node.
    const dialogue = createDialogue(library.rubric!, [scenario('yogurt-fly')]);
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('complaint-dojo.attempts.v1')!));
    const state = stored.attempts[0].state;
    expect(Number(await page.getByTestId('total-score').textContent())).toBe(dialogue.report(state).total);
    expect(dialogue.report(state).total).toBeGreaterThanOrEqual(80);
    await screenshot(page, 'report-zh');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('plays pump-warranty badly and the customer escalates; flags quote the trainee', async () => {
    const { context, page, errors } = await open('zh-CN');
    await startScenario(page, 'pump-warranty');
    for (const r of BAD_ZH) {
      if (await page.getByTestId('ending').count()) break;
      await say(page, r);
    }
    await page.getByTestId('see-report').click();
    expect(await page.getByTestId('outcome').getAttribute('data-outcome')).toBe('escalated');
    expect(await page.locator('[data-testid="flags"] mark').first().textContent()).not.toBe('');
    await screenshot(page, 'report-escalated-zh');
    expect(errors).toEqual([]);
    await context.close();
  });

  it.each([
    ['zh-CN', 'zh', '您先别嚷嚷,这么多人看着呢。'],
    ['en-US', 'en', 'Keep your voice down, people are watching.'],
  ] as const)('shows the score notices (%s): a slip in an otherwise strong conversation is capped at about 60, and the report says why', async (locale, lang, slip) => {
    const { context, page, errors } = await open(locale);
    await startScenario(page, 'yogurt-fly');
    const model = scenario('yogurt-fly').model_answers[0]!.replies.map((r) => localize(r, lang));
    for (const r of [...model.slice(0, -1), slip, model[model.length - 1]!]) {
      if (await page.getByTestId('ending').count()) break;
      await say(page, r);
    }
    if (await page.getByTestId('ending').count()) await page.getByTestId('see-report').click();
    else await page.getByTestId('end-session').click();
    await page.getByTestId('report').waitFor();
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('complaint-dojo.attempts.v1')!));
    const report = createDialogue(library.rubric!, [scenario('yogurt-fly')]).report(stored.attempts[0].state);
    expect(report.locale).toBe(lang);
    expect(report.notices.map((n) => n.code)).toContain('flag_in_strong_reply');
    expect(Number(await page.getByTestId('total-score').textContent())).toBe(report.total);
    // The strong-reply cap, less any thin-reply scaling of this conversation.
    const { strong_reply_flag_cap: cap, thin_reply_floor: floor } = library.rubric!.data.scoring;
    expect(report.total).toBeLessThanOrEqual(cap);
    expect(report.total).toBeGreaterThan(cap * floor);
    expect(await page.locator('[data-testid="score-notices"] li').allTextContents()).toEqual(report.notices.map((n) => n.message));
    expect(await page.locator('[data-testid="flags"] [data-flag="rude"]').count()).toBe(1);
    await screenshot(page, `report-strong-with-flag-${lang}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('resumes at the same turn after a reload mid-session', async () => {
    const { context, page } = await open('zh-CN');
    await startScenario(page, 'yogurt-fly');
    const replies = scenario('yogurt-fly').model_answers[0]!.replies.map((r) => localize(r, 'zh'));
    await say(page, replies[0]!);
    await page.getByTestId('customer-line').nth(1).waitFor();
    const before = { lines: await page.locator('[data-testid="customer-line"] p').allTextContents(), anger: await page.getByTestId('anger-meter').getAttribute('aria-valuenow') };
    await page.reload();
    await page.getByTestId('reply-input').waitFor();
    expect(await page.locator('[data-testid="customer-line"] p').allTextContents()).toEqual(before.lines);
    expect(await page.locator('[data-testid="agent-line"] p').allTextContents()).toEqual([replies[0]]);
    expect(await page.getByTestId('anger-meter').getAttribute('aria-valuenow')).toBe(before.anger);
    // …and carries on from there to the same ending as an uninterrupted session.
    for (const r of replies.slice(1)) await say(page, r);
    await page.getByTestId('see-report').click();
    expect(await page.getByTestId('outcome').getAttribute('data-outcome')).toBe('resolved');
    await context.close();
  });

  it('shows a pasted HTML reply as inert text', async () => {
    const { context, page, errors } = await open('en-US');
    await startScenario(page, 'yogurt-fly');
    const hostile = '<img src=x onerror=alert(1)>';
    await say(page, hostile);
    expect(await page.getByTestId('agent-line').first().locator('p').textContent()).toBe(hostile);
    expect(await page.locator('[data-testid="chat"] img').count()).toBe(0);
    await page.getByTestId('end-session').click();
    await page.getByTestId('report').waitFor();
    expect(await page.locator('[data-testid="report"] img').count()).toBe(0);
    expect(await page.getByTestId('report').textContent()).toContain(hostile);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches the interface and scenario texts between zh and en', async () => {
    const { context, page } = await open('en-US');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const enTitle = localize(scenario('yogurt-fly').title, 'en');
    expect(await page.getByTestId('scenario-card-yogurt-fly').locator('h2').textContent()).toBe(enTitle);
    await screenshot(page, 'library-en');
    await page.getByTestId('lang-switch').click();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByTestId('scenario-card-yogurt-fly').locator('h2').textContent()).toBe(localize(scenario('yogurt-fly').title, 'zh'));
    await page.getByTestId('lang-switch').click();
    await startScenario(page, 'pump-warranty');
    for (const r of ["That's not our problem, take it up with the manufacturer.", 'Rules are rules, nothing I can do.', 'Go ahead and complain then.']) {
      if (await page.getByTestId('ending').count()) break;
      await say(page, r);
    }
    await screenshot(page, 'practice-en');
    await page.getByTestId('see-report').click();
    await page.locator('[data-testid="radar-chart"] svg.recharts-surface').waitFor();
    await screenshot(page, 'report-en');
    await page.getByTestId('lang-switch').click();
    // The outcome hook is the same whatever the display language.
    expect(await page.getByTestId('outcome').getAttribute('data-outcome')).toBe('escalated');
    expect(await page.getByTestId('outcome').textContent()).toContain('投诉');
    await page.goto(`${web.url}?delay=0#/history`);
    await page.getByTestId('attempts').waitFor();
    await screenshot(page, 'history-zh');
    await page.getByTestId('lang-switch').click();
    await screenshot(page, 'history-en');
    await context.close();
  });

  it('rewrites reply 2 and replays the conversation from there', async () => {
    const { context, page } = await open('zh-CN');
    await startScenario(page, 'yogurt-fly');
    const replies = scenario('yogurt-fly').model_answers[0]!.replies.map((r) => localize(r, 'zh'));
    await say(page, replies[0]!);
    await say(page, '你自己看着办吧。');
    await page.getByTestId('end-session').click();
    await page.getByTestId('rewrite-2').click();
    await page.getByTestId('reply-input').waitFor();
    expect(await page.locator('[data-testid="agent-line"] p').allTextContents()).toEqual([replies[0]]);
    expect(await page.getByTestId('reply-input').inputValue()).toBe('你自己看着办吧。');
    await context.close();
  });

  it('reports damaged saved data, sets it aside and keeps working', async () => {
    const { context, page, errors } = await open('en-US');
    await page.evaluate(() => localStorage.setItem('complaint-dojo.attempts.v1', '{"version":1,"attempts":[{"id":"x"'));
    await page.reload();
    await page.getByTestId('store-notice').waitFor();
    const keys = await page.evaluate(() => Object.keys(localStorage));
    expect(keys.some((k) => k.startsWith('complaint-dojo.corrupt.'))).toBe(true);
    await startScenario(page, 'yogurt-fly');
    await say(page, 'I am so sorry about this.');
    expect(await page.getByTestId('customer-line').count()).toBeGreaterThan(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the customer typing before a line appears (realistic delay)', async () => {
    const { context, page } = await open('en-US', '');
    await startScenario(page, 'yogurt-fly');
    const lines = await page.getByTestId('customer-line').count();
    await page.getByTestId('reply-input').fill('I am so sorry. Could you tell me what happened?');
    const sent = Date.now();
    await page.getByTestId('send-button').click();
    expect(await page.locator('.typing').textContent()).toMatch(/typing/);
    await page.getByTestId('customer-line').nth(lines).waitFor();
    expect(Date.now() - sent).toBeGreaterThanOrEqual(300);
    await context.close();
  });

  it('starts the scenario clicked before the full library has loaded', async () => {
    // Hold the library chunk back for a second, as a slow network or a busy machine would.
    const slow = async (page: Page) => {
      await page.route('**/assets/library-*.js', async (route) => {
        await new Promise((r) => setTimeout(r, 1000));
        await route.continue();
      });
    };
    const { context, page, errors } = await web.open('?delay=0#/library', 'en-US', slow);
    await page.getByTestId('scenario-card-pump-warranty').getByTestId('start-button').click();
    await page.getByTestId('reply-input').waitFor();
    expect(await page.locator('[data-testid="customer-line"] p').first().textContent()).not.toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps working offline once loaded: practice, report and radar need no server', async () => {
    const { context, page, errors } = await open('zh-CN');
    await page.waitForFunction(() => performance.getEntriesByName('dojo:library-ready').length > 0);
    await context.setOffline(true);
    await startScenario(page, 'yogurt-fly');
    await say(page, '非常抱歉,让您和孩子受惊了。');
    await page.getByTestId('end-session').click();
    await page.locator('[data-testid="radar-chart"] svg.recharts-surface').waitFor();
    expect(Number(await page.getByTestId('total-score').textContent())).toBeGreaterThanOrEqual(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('adds a line with Shift+Enter and sends with Enter', async () => {
    const { context, page } = await open('en-US');
    await startScenario(page, 'yogurt-fly');
    const input = page.getByTestId('reply-input');
    await input.type('I am so sorry.');
    await input.press('Shift+Enter');
    await input.type('Is your son all right?');
    expect(await input.inputValue()).toBe('I am so sorry.\nIs your son all right?');
    expect(await page.getByTestId('agent-line').count()).toBe(0);
    await input.press('Enter');
    await page.getByTestId('agent-line').first().waitFor();
    expect(await page.locator('[data-testid="agent-line"] p').first().textContent()).toBe('I am so sorry.\nIs your son all right?');
    await context.close();
  });

  it('exports attempts to JSON and imports them into another browser', async () => {
    const first = await open('en-US');
    await startScenario(first.page, 'yogurt-fly');
    await say(first.page, 'I am so sorry about this.');
    await first.page.getByTestId('end-session').click();
    await first.page.goto(`${web.url}?delay=0#/history`);
    const [download] = await Promise.all([first.page.waitForEvent('download'), first.page.getByTestId('export').click()]);
    const file = join(mkdtempSync(join(tmpdir(), 'dojo-export-')), download.suggestedFilename());
    await download.saveAs(file);
    expect(JSON.parse(readFileSync(file, 'utf8')).attempts).toHaveLength(1);
    await first.context.close();
    const second = await open('en-US');
    await second.page.goto(`${web.url}?delay=0#/history`);
    await second.page.getByTestId('import-file').setInputFiles(file);
    await second.page.getByText('Imported 1 attempts; skipped 0 damaged ones.').waitFor();
    expect(await second.page.locator('[data-testid="attempts"] tbody tr').count()).toBe(1);
    await second.context.close();
  });

  it('has no serious accessibility violations on any screen (axe-core)', async () => {
    const { context, page } = await open('zh-CN');
    const found: Record<string, unknown> = {};
    found.library = await seriousA11yViolations(page);
    await startScenario(page, 'yogurt-fly');
    await say(page, '非常抱歉,让您受惊了。');
    found.practice = await seriousA11yViolations(page);
    await page.getByTestId('end-session').click();
    await page.locator('[data-testid="radar-chart"] svg.recharts-surface').waitFor();
    found.report = await seriousA11yViolations(page);
    await page.goto(`${web.url}?delay=0#/history`);
    await page.getByTestId('attempts').waitFor();
    found.history = await seriousA11yViolations(page);
    expect(found).toEqual({ library: [], practice: [], report: [], history: [] });
    await context.close();
  });
});
