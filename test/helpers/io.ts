import type { Io } from '../../src/cli/io.ts';

/** An Io that records output and feeds scripted input lines. */
export function fakeIo(input: string[] = [], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    readLine: async () => input.shift(),
    interactive: false,
    env,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}
