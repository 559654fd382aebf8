// The Quiz screen in real Chromium: due counts, grading with key points and a suggested rating,
// progress kept across a reload, practice mistakes brought forward, damaged progress set aside.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, seriousA11yViolations, useWebApp } from './harness.ts';

describe.skipIf(!browserAvailable)('Quiz screen in Chromium', { timeout: 90_000 }, () => {
  const web = useWebApp();
  const open = (locale: string, hash = '#/quiz') => web.open(`?delay=0${hash}`, locale);

  /** Answer whatever question is shown (first option, "true", or some text) and grade it. */
  async function answerShown(page: Page, text: string): Promise<string> {
    const card = page.getByTestId('quiz-question');
    await card.waitFor();
    const type = (await card.getAttribute('data-type'))!;
    if (type === 'fill' || type === 'short' || type === 'case') await page.getByTestId('quiz-text').fill(text);
    else await card.locator('input').first().check();
    await page.getByTestId('quiz-submit').click();
    await page.getByTestId('quiz-result').waitFor();
    return type;
  }

  it('grades answers, suggests a rating, and keeps progress across a reload', async () => {
    const { page, errors, close } = await open('zh-CN');
    const before = await page.getByTestId('quiz-due').textContent();
    expect(before).toMatch(/新题 \d+/);
    await answerShown(page, '先道歉,再倾听');
    const result = page.getByTestId('quiz-result');
    expect(Number(await result.getAttribute('data-score'))).toBeGreaterThanOrEqual(0);
    expect(await page.locator('[data-testid^="rate-"][aria-pressed="true"]').count()).toBe(1);
    await screenshot(page, 'quiz-result-zh');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('rate-1').click(); // the suggestion can be changed
    expect(await page.getByTestId('rate-1').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('quiz-next').click();
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('complaint-dojo.quiz-progress.v1')!));
    expect(stored.log).toHaveLength(1);
    expect(stored.log[0].rating).toBe(1);
    await page.reload();
    await page.getByTestId('quiz-question').waitFor();
    const again = await page.evaluate(() => JSON.parse(localStorage.getItem('complaint-dojo.quiz-progress.v1')!));
    expect(again.log).toHaveLength(1);
    expect(errors).toEqual([]);
    await close();
  });

  it('grades an open answer by key points, hit and missed, in English', async () => {
    const { page, close } = await open('en-US');
    await page.getByTestId('quiz-topic').selectOption('steps');
    for (let i = 0; i < 30; i++) {
      const card = page.getByTestId('quiz-question');
      await card.waitFor();
      const type = await card.getAttribute('data-type');
      if (type === 'short' || type === 'case') break;
      await answerShown(page, 'x');
      await page.getByTestId('rate-4').click(); // Easy: out of today's queue
      await page.getByTestId('quiz-next').click();
    }
    expect(['short', 'case']).toContain(await page.getByTestId('quiz-question').getAttribute('data-type'));
    await answerShown(page, 'First apologise sincerely and listen to the customer without interrupting.');
    const items = page.locator('[data-testid="quiz-key-points"] li');
    expect(await items.count()).toBeGreaterThan(0);
    await screenshot(page, 'quiz-open-en');
    await close();
  });

  it('brings the questions on a practice mistake forward', async () => {
    const { page, close } = await open('zh-CN', '#/library');
    await page.getByTestId('scenario-card-pump-warranty').getByTestId('start-button').click();
    await page.getByTestId('reply-input').fill('这不是我们的问题,你自己去找厂家。');
    await page.getByTestId('reply-input').press('Enter');
    await page.getByTestId('see-report').click();
    await page.getByTestId('quiz-fed').waitFor();
    await page.getByTestId('quiz-fed').getByRole('link').click();
    await page.getByTestId('quiz-question').waitFor();
    expect(await page.getByTestId('quiz-due').textContent()).toMatch(/\d+ 题来自练习中的失误/);
    expect(await page.getByTestId('quiz-question').textContent()).toContain('来自练习中的失误');
    await close();
  });

  it('reports damaged quiz progress and sets it aside', async () => {
    const { page, errors, close } = await open('en-US');
    await page.evaluate(() => localStorage.setItem('complaint-dojo.quiz-progress.v1', '{"version":1,"cards":'));
    await page.reload();
    await page.getByTestId('store-notice').waitFor();
    const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('complaint-dojo.corrupt.')));
    expect(keys).toHaveLength(1);
    await answerShown(page, 'listen');
    expect(errors).toEqual([]);
    await close();
  });
});
