// The Author screen in real Chromium: a starter scenario with no errors, live errors at line:col,
// play-test, the custom card in the library, import, and a broken custom file that breaks nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, seriousA11yViolations, useWebApp, type OpenedPage } from './harness.ts';

describe.skipIf(!browserAvailable)('Author screen in Chromium', { timeout: 90_000 }, () => {
  const web = useWebApp();

  async function openAuthor(locale: string): Promise<OpenedPage> {
    const opened = await web.open('?delay=0#/author', locale);
    await opened.page.getByTestId('author-new').waitFor();
    return opened;
  }

  async function editorText(page: Page): Promise<string> {
    return page.evaluate(() => (document.querySelector('.cm-content') as HTMLElement).innerText);
  }

  it('creates a starter scenario that checks clean, play-tests it, and lists it as custom', async () => {
    const { page, errors, close } = await openAuthor('en-US');
    await page.getByTestId('author-new-id').fill('night-shift');
    await page.getByTestId('author-new').click();
    await page.getByText('No problems found.').waitFor();
    expect(await editorText(page)).toContain('id: night-shift');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'author-en');
    await page.getByTestId('author-playtest').click();
    await page.getByTestId('reply-input').waitFor();
    expect(await page.getByTestId('customer-line').count()).toBeGreaterThan(0);
    await page.goto(`${web.url}?delay=0#/library`);
    await page.getByTestId('scenario-card-night-shift').getByTestId('custom-badge').waitFor();
    expect(errors).toEqual([]);
    await close();
  });

  it('marks a mistake at its line:col as the trainer types, and blocks play-test until fixed', async () => {
    const { page, close } = await openAuthor('zh-CN');
    await page.getByTestId('author-new-id').fill('typo-case');
    await page.getByTestId('author-new').click();
    await page.getByText('没有发现问题。').waitFor();
    // Rename the top-level `summary:` key to `sumary:` by typing in the editor.
    const line = (await editorText(page)).split('\n').findIndex((l) => l.startsWith('summary:')) + 1;
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+Home');
    for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Delete'); // "summary" → "smmary"
    const issue = page.getByTestId('author-issue').filter({ hasText: 'smmary' });
    await issue.waitFor();
    expect(await issue.getAttribute('data-code')).toBe('unknown_key');
    expect(await issue.getAttribute('data-line')).toBe(String(line));
    expect(await issue.textContent()).toContain(`${line}:1`);
    expect(await issue.textContent()).toContain("'summary'"); // did you mean
    await page.locator('.cm-lint-marker-error').first().waitFor();
    expect(await page.getByTestId('author-playtest').isDisabled()).toBe(true);
    await screenshot(page, 'author-error-zh');
    await page.keyboard.type('u');
    await page.getByText('没有发现问题。').waitFor();
    expect(await page.getByTestId('author-playtest').isDisabled()).toBe(false);
    await close();
  });

  it('imports .yaml files; a broken one is reported in the library and breaks nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dojo-import-'));
    const broken = join(dir, 'Broken Case.yaml');
    writeFileSync(broken, 'version: 1\nid: broken-case\ntitle: [unclosed\n');
    const { page, errors, close } = await openAuthor('en-US');
    await page.getByTestId('author-import-file').setInputFiles([broken]);
    await page.getByTestId('author-message').filter({ hasText: 'broken-case.yaml' }).waitFor();
    await page.getByTestId('author-issue').first().waitFor();
    const codes = await page.getByTestId('author-issue').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(codes).toContain('yaml_syntax');
    await page.goto(`${web.url}?delay=0#/library`);
    await page.getByTestId('library-issues').waitFor();
    expect(await page.getByTestId('library-issues').textContent()).toContain('browser:broken-case.yaml:');
    await page.getByTestId('scenario-card-yogurt-fly').getByTestId('start-button').click();
    await page.getByTestId('reply-input').waitFor();
    expect(errors).toEqual([]);
    await close();
  });
});
