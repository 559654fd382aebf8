import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDir, loadProgress, PROGRESS_FILE, saveProgress } from '../../src/node/quiz-store.ts';
import { emptyProgress, parseProgress } from '../../src/quiz/progress.ts';
import { reviewQuestion } from '../../src/quiz/schedule.ts';

const fresh = () => mkdtempSync(join(tmpdir(), 'dojo-quiz-store-'));
const T0 = Date.UTC(2025, 0, 6, 9, 0);

describe('where progress lives', () => {
  it('DOJO_DATA_DIR, else XDG_DATA_HOME, else ~/.local/share', () => {
    expect(dataDir({ DOJO_DATA_DIR: '/tmp/x', XDG_DATA_HOME: '/xdg' })).toBe('/tmp/x');
    expect(dataDir({ XDG_DATA_HOME: '/xdg', HOME: '/home/a' })).toBe('/xdg/complaint-dojo');
    expect(dataDir({ HOME: '/home/a' })).toBe('/home/a/.local/share/complaint-dojo');
  });
});

describe('the progress file', () => {
  it('starts empty, saves and loads back, leaving no temporary files', () => {
    const dir = join(fresh(), 'nested', 'data');
    expect(loadProgress(dir, T0)).toEqual({ progress: emptyProgress() });
    const p = reviewQuestion(emptyProgress(), 'sq-weight-top', 3, T0, { score: 100, suggested: 3 });
    saveProgress(dir, p);
    expect(loadProgress(dir, T0)).toEqual({ progress: p });
    expect(readdirSync(dir)).toEqual([PROGRESS_FILE]);
  });

  it('sets a corrupt file aside and reports it, never silently resetting it', () => {
    const dir = fresh();
    writeFileSync(join(dir, PROGRESS_FILE), '{"version":1,"cards":{"a"');
    const loaded = loadProgress(dir, T0);
    const aside = join(dir, `${PROGRESS_FILE}.corrupt-2025-01-06T09-00-00-000Z`);
    expect(loaded).toEqual({ progress: emptyProgress(), corrupt: { error: { code: 'progress_not_json', detail: expect.any(String) }, movedTo: aside } });
    expect(readFileSync(aside, 'utf8')).toBe('{"version":1,"cards":{"a"');
    expect(existsSync(join(dir, PROGRESS_FILE))).toBe(false);
  });

  it('a process killed in the middle of writing loses nothing: the file holds a complete earlier state', async () => {
    const script = new URL('./fixtures/write-loop.ts', import.meta.url).pathname;
    for (let round = 0; round < 6; round++) {
      const dir = fresh();
      const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
      let saved = -1;
      let buffer = '';
      let killing = false;
      await new Promise<void>((resolve, reject) => {
        child.on('error', reject);
        child.on('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
        child.stdout.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          const lines = buffer.split('\n');
          buffer = lines.pop()!;
          for (const l of lines) saved = Number(l);
          // Kill at a different moment each round, while the writer is busy writing.
          if (saved >= 5 + round * 3 && !killing) {
            killing = true;
            child.removeAllListeners('exit');
            setTimeout(() => {
              child.kill('SIGKILL');
              child.on('exit', () => resolve());
            }, round * 2);
          }
        });
      });
      const parsed = parseProgress(readFileSync(join(dir, PROGRESS_FILE), 'utf8'));
      expect(parsed.ok, `round ${round}`).toBe(true);
      const j = (parsed.ok ? parsed.progress.log.length : 0) - 3000;
      // The last reported save, or one just after it whose rename landed before the kill.
      const expected = [0, 1, 2, 3].map((d) => (saved + d) % 10);
      expect(expected.includes(j), `round ${round}: state ${j}, last reported save ${saved}`).toBe(true);
    }
  }, 60_000);
});
