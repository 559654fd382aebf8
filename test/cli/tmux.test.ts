// `dojo practice` for real, in a terminal emulated by tmux: type a Chinese reply, end the session,
// and check that the report's two columns line up in display columns (wide characters count 2).
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/text/width.ts';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const session = `dojo-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-u', ...args], { encoding: 'utf8' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(text: string, timeoutMs = 40_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let screen = '';
  while (Date.now() < deadline) {
    screen = tmux('capture-pane', '-t', session, '-p');
    if (screen.includes(text)) return screen;
    await sleep(200);
  }
  throw new Error(`'${text}' never appeared; screen was:\n${screen}`);
}

describe.skipIf(!hasTmux)('dojo practice in a real terminal (tmux)', { timeout: 120_000 }, () => {
  it('takes a Chinese reply and lays out the report with wide characters aligned', async () => {
    const script = fileURLToPath(new URL('../../src/cli/dojo.js', import.meta.url));
    tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '45', '-c', process.cwd(), `CI=0 LANG=C.UTF-8 ${process.execPath} ${script} practice yogurt-fly --seed 3 --lang zh`);
    try {
      await waitFor('怒气');
      await sleep(500); // let ink switch the terminal to raw mode
      tmux('send-keys', '-t', session, '-l', '先替经理那句话向您道歉,孩子还好吗?我们去办公室坐下说。');
      await sleep(300);
      tmux('send-keys', '-t', session, 'Enter');
      await waitFor('你: 先替经理那句话向您道歉');
      await sleep(300);
      tmux('send-keys', '-t', session, 'Escape');
      const screen = await waitFor('示范回答');
      const lines = screen.split('\n');
      const header = lines.find((l) => l.includes('你的回复') && l.includes('示范回答'))!;
      const column = displayWidth(header.slice(0, header.indexOf('示范回答')));
      const first = lines[lines.indexOf(header) + 1]!;
      expect(first.startsWith('1. 先替经理那句话向您道歉')).toBe(true);
      expect(displayWidth(first.slice(0, first.indexOf('1. 李女士')))).toBe(column);
      const bars = lines.filter((l) => /^(可靠性|反应性|可信性|同理性|有形性) /.test(l));
      expect(bars).toHaveLength(5);
      expect(new Set(bars.map((l) => displayWidth(l.slice(0, l.search(/[█░]/))))).size).toBe(1);
    } finally {
      spawnSync('tmux', ['kill-session', '-t', session]);
    }
  });
});
