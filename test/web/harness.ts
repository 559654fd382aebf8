// Builds the web app with the project's vite config, serves it with vite's preview server on a
// free port, and drives Debian's Chromium through playwright-core (no downloaded browsers).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { build, preview, type PreviewServer } from 'vite';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const projectRoot = resolve(import.meta.dirname, '../..');

/**
 * Browser tests run where Chromium is installed. CI installs it and sets DOJO_REQUIRE_BROWSER=1,
 * so there a missing browser fails the run instead of skipping the tests.
 */
export const browserAvailable = existsSync(CHROMIUM) || process.env.DOJO_REQUIRE_BROWSER === '1';

export interface ServedApp {
  url: string;
  outDir: string;
  close(): Promise<void>;
}

/** Build the app into a temporary folder and serve it on 127.0.0.1 with a free port. */
export async function serveApp(): Promise<ServedApp> {
  const outDir = mkdtempSync(join(tmpdir(), 'dojo-web-'));
  const common = { configFile: join(projectRoot, 'vite.config.ts'), root: join(projectRoot, 'web'), logLevel: 'error' as const };
  await build({ ...common, build: { outDir, emptyOutDir: true } });
  const server: PreviewServer = await preview({ ...common, build: { outDir }, preview: { port: 0, strictPort: false, host: '127.0.0.1' } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  return {
    url,
    outDir,
    async close() {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** Headless Debian Chromium with the flags this machine's closed network needs (playwright gives it a fresh profile). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
}

const shotsDir = join(projectRoot, 'test-output', 'screens');

/** Save a full-page screenshot to the git-ignored test-output/screens/ for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true });
}

/** Run axe-core in the page; returns the serious and critical violations (id and a node or two). */
export async function seriousA11yViolations(page: Page): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  const axePath = join(projectRoot, 'node_modules', 'axe-core', 'axe.min.js');
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 2).map((n) => n.target.join(' ')) }));
  });
}

export interface OpenedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught page errors and any alert/confirm dialogs (dismissed): a test expects none. */
  readonly errors: string[];
  close(): Promise<void>;
}

/**
 * For a describe block: build and serve the app and start Chromium once (closed afterwards), and
 * open pages in fresh contexts (own storage) with a locale, recording page errors and dialogs.
 */
export function useWebApp(): { readonly url: string; open(path: string, locale?: string, before?: (page: Page) => Promise<void>): Promise<OpenedPage> } {
  let app: ServedApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [app, browser] = await Promise.all([serveApp(), launchChromium()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  // When a test fails, keep a picture of every page it left open: what it was waiting for is usually visible.
  const pages: Page[] = [];
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') {
      const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      for (const [i, page] of pages.entries()) if (!page.isClosed()) await screenshot(page, `failed-${name}-${i}`).catch(() => {});
    }
    pages.length = 0;
  });
  return {
    get url() {
      return app!.url;
    },
    async open(path, locale = 'zh-CN', before) {
      const context = await browser!.newContext({ locale, viewport: { width: 1200, height: 900 } });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      pages.push(page);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); void d.dismiss(); });
      await before?.(page);
      await page.goto(`${app!.url}${path}`);
      return { context, page, errors, close: () => context.close() };
    },
  };
}
