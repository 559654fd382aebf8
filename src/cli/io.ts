import { parseArgs } from 'node:util';
import type { Lang } from './render-report.ts';

/** Exit codes: 0 ok, 1 bad input, 2 usage. */
export const EXIT = { ok: 0, bad: 1, usage: 2 } as const;

/** Where a command reads and writes; tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Lines typed by the user, or undefined at end of input. */
  readLine(prompt: string): Promise<string | undefined>;
  readonly interactive: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export class UsageError extends Error {}

export function defaultIo(): Io {
  let lines: AsyncIterableIterator<string> | undefined;
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    async readLine(prompt) {
      if (!lines) {
        const { createInterface } = await import('node:readline');
        lines = createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
      }
      if (process.stdin.isTTY) process.stdout.write(prompt);
      const next = await lines.next();
      return next.done ? undefined : next.value;
    },
    interactive: Boolean(process.stdin.isTTY),
    env: process.env,
  };
}

/** parseArgs with strict checking; unknown options become usage errors (exit 2). */
export function parseCommandArgs<O extends Record<string, { type: 'string' | 'boolean'; short?: string }>>(
  args: string[],
  options: O,
) {
  try {
    return parseArgs({ args, options: { ...options, lang: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
}

/** The language for messages: --lang, else LANG/LC_ALL starting with zh, else English. */
export function langOf(option: unknown, env: Io['env']): Lang {
  if (option !== undefined) {
    if (option === 'zh' || option === 'en') return option;
    throw new UsageError(`--lang must be zh or en, not '${String(option)}'`);
  }
  const locale = env.LC_ALL || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
