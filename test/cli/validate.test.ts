import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { displayPath } from '../../src/node/library.ts';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { fakeIo } from '../helpers/io.ts';

const yogurt = readFileSync(new URL('../../scenarios/yogurt-fly.yaml', import.meta.url), 'utf8');
const pump = readFileSync(new URL('../../scenarios/pump-warranty.yaml', import.meta.url), 'utf8');

async function run(args: string[]) {
  const f = fakeIo();
  const code = await main(args, f.io);
  return { code, out: f.stdout(), err: f.stderr() };
}

// A folder of good, broken and merely suspicious files, in an order where the broken ones come first.
const dir = mkdtempSync(join(tmpdir(), 'dojo-validate-'));
const put = (name: string, text: string | Buffer) => {
  writeFileSync(join(dir, name), text);
  return displayPath(join(dir, name));
};
const files = {
  a: put('a-syntax.yaml', 'version: 1\nid: [unclosed\ntitle: x\n'),
  b: put('b-binary.yaml', Buffer.from([0xff, 0xfe, 0x00, 0x01, 0xc3, 0x28])),
  c: put('c-typo.yaml', yogurt.replace('id: yogurt-fly', 'id: typo-case').replace(/^opening:/m, 'opning:')),
  d: put('d-good.yaml', pump),
  e: put('e-warning.yaml', yogurt.replace('when: { key_points: [quiet_place] }', 'when: { key_points: [quiet_place], min_turn: 6 }')),
  f: put('f-dupe.yaml', pump),
};
mkdirSync(join(dir, 'quiz'));
writeFileSync(join(dir, 'quiz', 'bank.yaml'), 'not: [a scenario\n');

describe('dojo validate on a folder', () => {
  it('reports every file, never stopping at the first broken one, and exits 1', async () => {
    const r = await run(['validate', dir]);
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n');
    expect(lines.map((l) => l.replace(/:\d+:\d+/, ':L:C').split(' ').slice(0, 3).join(' '))).toEqual([
      `${files.a}:L:C yaml_syntax Flow`,
      `${files.b}:L:C not_text file`,
      `${files.c}:L:C missing_key missing`,
      `${files.c}:L:C unknown_key unknown`,
      `${files.e}:L:C warning unreachable_beat`,
      `${files.f}:L:C duplicate_id duplicate`,
    ]);
    expect(r.err).toBe('6 files, 2 valid, 5 errors, 1 warning.\n');
    expect(r.out).not.toContain('quiz');
  });

  it('prints a stable JSON shape for editors and CI', async () => {
    const r = await run(['validate', dir, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(Object.keys(report)).toEqual(['ok', 'errors', 'warnings', 'files']);
    expect(report).toMatchObject({ ok: false, errors: 5, warnings: 1 });
    expect(report.files.map((f: { file: string; ok: boolean }) => [f.file, f.ok])).toEqual([
      [files.a, false],
      [files.b, false],
      [files.c, false],
      [files.d, true],
      [files.e, true],
      [files.f, false],
    ]);
    const warning = report.files[4].issues[0];
    expect(Object.keys(warning)).toEqual(['severity', 'code', 'line', 'col', 'path', 'message', 'params']);
    const line = readFileSync(join(dir, 'e-warning.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('min_turn: 6')) + 1;
    expect(warning).toMatchObject({ severity: 'warning', code: 'unreachable_beat', line, path: 'beats.2.when.min_turn', params: { why: 'too_late' } });
    expect(warning.message).toBe("beat 'to_office' can never play: it cannot happen before reply 6, but the customer runs out of patience at reply 6");
    for (const f of report.files) for (const i of f.issues) expect(i.line >= 1 && i.col >= 1).toBe(true);
  });

  it('exits 0 when there are only warnings, and words them in Chinese with --lang zh', async () => {
    const r = await run(['validate', join(dir, 'e-warning.yaml'), '--lang', 'zh']);
    expect(r.code).toBe(0);
    expect(r.out).toContain("warning unreachable_beat 情节 'to_office' 永远不会出现:它最早要到第 6 次回复才可能出现");
    expect(r.out).toContain('1 个文件,1 个通过,0 个错误,1 个警告。');
  });

  it('reports a missing path in the JSON too, and exits 2 on a bad option', async () => {
    const missing = join(dir, 'nope.yaml');
    const r = await run(['validate', missing, join(dir, 'd-good.yaml'), '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.files.map((f: { ok: boolean }) => f.ok)).toEqual([false, true]);
    expect(report.files[0].issues[0]).toMatchObject({ code: 'file_unreadable', line: 1, col: 1 });
    expect((await run(['validate', '--strict'])).code).toBe(2);
    for (const jobs of ['0', 'two', '1.5']) {
      const bad = await run(['validate', '--jobs', jobs]);
      expect([bad.code, bad.err]).toEqual([2, expect.stringContaining('--jobs must be a whole number')]);
    }
  });

  it('reports the same with --jobs 1 (no worker threads)', async () => {
    const one = await run(['validate', dir, '--json', '--jobs', '1']);
    expect(one.out).toBe((await run(['validate', dir, '--json'])).out);
  });

  it('reports the same with --cache, on the run that fills it and the one that reads it', async () => {
    const plain = await run(['validate', dir]);
    const cacheDir = mkdtempSync(join(tmpdir(), 'dojo-validate-cache-'));
    for (let i = 0; i < 2; i++) {
      const cached = await run(['validate', dir, '--cache', '--cache-dir', cacheDir]);
      expect([cached.code, cached.out, cached.err]).toEqual([plain.code, plain.out, plain.err]);
    }
    expect(readFileSync(join(cacheDir, 'validate.json'), 'utf8')).toContain('"format":1');
    const alone = await run(['validate', dir, '--cache-dir', cacheDir]);
    expect([alone.code, alone.err]).toEqual([2, expect.stringContaining('--cache-dir needs --cache')]);
    // An empty folder name would put the cache in the current folder: refused.
    const empty = await run(['validate', dir, '--cache', '--cache-dir', '']);
    expect([empty.code, empty.err]).toEqual([2, expect.stringContaining('--cache-dir needs a folder')]);
  });
});
