// Shared by the terminal (ink) screen tests: read the screen as plain text and wait for it.
import type { render } from 'ink-testing-library';

type Rendered = ReturnType<typeof render>;

export const stripAnsi = (s: string | undefined) => (s ?? '').replace(/\u001b\[[0-9;]*m/g, '');
export const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

/**
 * Wait until the screen shows `expected` (a text it contains, or a test it passes); cold runs
 * under load can take a while to re-render. Returns the last frame either way, for the assertion.
 */
export async function waitForScreen(app: Rendered, expected: string | ((frame: string) => boolean), timeoutMs = 5000, pollMs = 30): Promise<string> {
  const passes = typeof expected === 'string' ? (f: string) => f.includes(expected) : expected;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = stripAnsi(app.lastFrame());
    if (passes(frame) || Date.now() > deadline) return frame;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
