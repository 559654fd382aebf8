// Web figures for `npm run bench`: the first screen's JavaScript (gzip), time to interactive in
// headless Chromium on localhost, and reply → customer line without the deliberate typing delay.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { browserAvailable, launchChromium, serveApp } from '../web/harness.ts';

type Print = (name: string, value: number, digits?: number) => void;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const gzipKb = (path: string) => gzipSync(readFileSync(path)).length / 1024;

/** Run the web benchmark and print its figures; prints a note instead when Chromium is missing. */
export async function benchWeb(print: Print): Promise<void> {
  const app = await serveApp();
  try {
    // Initial JS: the entry script and the chunks index.html preloads, i.e. what the first screen waits for.
    const html = readFileSync(join(app.outDir, 'index.html'), 'utf8');
    const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    print('web.initial_js_gzip_kb', initial.reduce((a, f) => a + gzipKb(join(app.outDir, f)), 0), 1);
    const all = readdirSync(join(app.outDir, 'assets')).filter((f) => f.endsWith('.js'));
    print('web.all_js_gzip_kb', all.reduce((a, f) => a + gzipKb(join(app.outDir, 'assets', f)), 0), 1);
    if (!browserAvailable) {
      console.log('web: Chromium not found at /usr/bin/chromium; browser timings skipped');
      return;
    }
    const browser = await launchChromium();
    try {
      const tti: number[] = [];
      const ready: number[] = [];
      for (let i = 0; i < 7; i++) {
        const context = await browser.newContext(); // a cold cache each time
        const page = await context.newPage();
        await page.goto(`${app.url}#/library`);
        await page.getByTestId('scenario-card-yogurt-fly').waitFor();
        await page.waitForFunction(() => performance.getEntriesByName('dojo:library-ready').length > 0);
        const marks = await page.evaluate(() => ({
          interactive: performance.getEntriesByName('dojo:interactive')[0]!.startTime,
          library: performance.getEntriesByName('dojo:library-ready')[0]!.startTime,
        }));
        if (i > 0) { tti.push(marks.interactive); ready.push(marks.library); } // the first run warms the server
        await context.close();
      }
      print('web.time_to_interactive_ms', median(tti), 0);
      print('web.practice_ready_ms', median(ready), 0);

      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${app.url}?delay=0#/library`);
      const gaps: number[] = [];
      const replies = ['请问您是在哪里发现的?', 'Could you tell me when you bought it?', '我们先了解一下情况。'];
      while (gaps.length < 20) {
        await page.getByTestId('scenario-card-yogurt-fly').getByTestId('start-button').click();
        await page.getByTestId('reply-input').waitFor();
        for (let r = 0; r < 3 && gaps.length < 20; r++) {
          if (await page.getByTestId('ending').count()) break;
          const lines = await page.getByTestId('customer-line').count();
          // A different reply every time: the page remembers replies it has already read.
          await page.getByTestId('reply-input').fill(`${replies[r]!} (${gaps.length + 1})`);
          await page.getByTestId('send-button').click();
          await page.getByTestId('customer-line').nth(lines).waitFor();
          // (no named functions inside evaluate: tsx's name helper does not exist in the page)
          gaps.push(await page.evaluate(() =>
            performance.getEntriesByName('dojo:customer-line').at(-1)!.startTime - performance.getEntriesByName('dojo:send').at(-1)!.startTime));
        }
        await page.goto(`${app.url}?delay=0#/library`);
      }
      print('web.reply_to_customer_line_ms', median(gaps), 1);
      print('web.reply_to_customer_line_p95_ms', [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length * 0.95)]!, 1);
      await context.close();
    } finally {
      await browser.close();
    }
  } finally {
    await app.close();
  }
}
