import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckCache, engineFingerprint } from '../../src/node/check-cache.ts';
import { checkFiles, loadRubric } from '../../src/node/library.ts';
import { checkFilesInParallel } from '../../src/node/parallel-check.ts';
import { shippedScenarios } from '../bench/many-scenarios.ts';

const yogurt = shippedScenarios().find((s) => s.file === 'yogurt-fly.yaml')!.text;

// Two good scenarios, one with a problem, and one that cannot be read.
function library() {
  const dir = mkdtempSync(join(tmpdir(), 'dojo-cache-lib-'));
  const files = ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml'].map((f) => join(dir, f));
  writeFileSync(files[0]!, yogurt);
  writeFileSync(files[1]!, yogurt.replace('id: yogurt-fly', 'id: yogurt-two'));
  writeFileSync(files[2]!, yogurt.replace('id: yogurt-fly', 'id: yogurt-three').replace(/^opening:/m, 'opning:'));
  writeFileSync(files[3]!, Buffer.from([0xff, 0xfe, 0x00]));
  return { dir, files, cacheDir: mkdtempSync(join(tmpdir(), 'dojo-cache-')) };
}
const shown = (r: { files: string[]; issues: unknown[] }) => ({ files: r.files, issues: r.issues });
const cacheFile = (dir: string) => join(dir, 'validate.json');
type Entries = { format: number; entries: [string, { file: string; issues: { code: string }[] }][] };

/** Add a made-up warning to every remembered report: if it shows up, the report came from the cache. */
function poison(cacheDir: string) {
  const data = JSON.parse(readFileSync(cacheFile(cacheDir), 'utf8')) as Entries;
  for (const [, report] of data.entries) report.issues.push({ file: report.file, line: 1, col: 1, severity: 'warning', code: 'unreachable_ending', path: '', params: { id: 'poisoned', why: 'from the cache' } } as never);
  writeFileSync(cacheFile(cacheDir), JSON.stringify(data));
}
const poisoned = (r: { issues: { code: string; file: string; params: Record<string, unknown> }[] }) =>
  r.issues.filter((i) => i.params.id === 'poisoned').map((i) => i.file);

describe('dojo validate --cache', () => {
  it('gives the report an uncached check gives, and remembers each readable file', async () => {
    const { files, cacheDir } = library();
    const fresh = checkFiles(files, []);
    const first = await checkFilesInParallel(files, [], { cacheDir });
    const second = await checkFilesInParallel(files, [], { cacheDir });
    expect(shown(first)).toEqual(shown(fresh));
    expect(shown(second)).toEqual(shown(fresh));
    expect(fresh.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['unknown_key', 'not_text']));
    const data = JSON.parse(readFileSync(cacheFile(cacheDir), 'utf8')) as Entries;
    expect(data.entries.map(([, r]) => r.file).sort()).toEqual(fresh.files.slice(0, 3).sort());
  }, 60_000);

  it('reuses a report only while the file, the rubric and the engine are unchanged', async () => {
    const { files, cacheDir } = library();
    await checkFilesInParallel(files, [], { cacheDir });
    poison(cacheDir);
    const reused = await checkFilesInParallel(files, [], { cacheDir });
    expect(poisoned(reused)).toHaveLength(3);

    // An edited file is checked again; the others still come from the cache.
    writeFileSync(files[1]!, yogurt.replace('id: yogurt-fly', 'id: yogurt-two').replace('title:', '# edited\ntitle:'));
    const edited = await checkFilesInParallel(files, [], { cacheDir });
    expect(poisoned(edited)).toHaveLength(2);
    expect(poisoned(edited)).not.toContain(edited.files[1]);

    // Another rubric: nothing is reused.
    const rubric = loadRubric();
    const other = { ...rubric, rubric: { ...rubric.rubric!, data: { ...rubric.rubric!.data, scoring: { ...rubric.rubric!.data.scoring, max_turns: 99 } } } };
    const otherRubric = await checkFilesInParallel(files, [], { cacheDir }, () => other);
    expect(poisoned(otherRubric)).toEqual([]);
  }, 60_000);

  it('treats a corrupt or foreign cache file as empty and writes a good one', async () => {
    const { files, cacheDir } = library();
    const fresh = shown(checkFiles(files, []));
    for (const junk of ['{"format":1,"entries":[["k",{"file":3}],"x",[1,{"issues":"no"}]]}', '{"format":1,"entries":[["k", {"file": 3}]', '{"format":99,"entries":[]}', '\u0000\u00ff', '[1,2]', '']) {
      writeFileSync(cacheFile(cacheDir), junk);
      expect(shown(await checkFilesInParallel(files, [], { cacheDir }))).toEqual(fresh);
      expect((JSON.parse(readFileSync(cacheFile(cacheDir), 'utf8')) as Entries).entries).toHaveLength(3);
    }
  }, 60_000);

  it('still checks when the cache cannot be written', async () => {
    const { files, dir } = library();
    const notAFolder = join(dir, 'a.yaml'); // a file, so no cache folder can be made under it
    expect(shown(await checkFilesInParallel(files, [], { cacheDir: join(notAFolder, 'cache') }))).toEqual(shown(checkFiles(files, [])));
  }, 60_000);

  it('leaves no temporary file behind when something else stands where the cache file goes', async () => {
    const { files } = library();
    const cacheDir = mkdtempSync(join(tmpdir(), 'dojo-cache-'));
    mkdirSync(cacheFile(cacheDir)); // a folder named validate.json: the rename fails
    expect(shown(await checkFilesInParallel(files, [], { cacheDir }))).toEqual(shown(checkFiles(files, [])));
    expect(readdirSync(cacheDir)).toEqual(['validate.json']);
  }, 60_000);

  it('keeps entries of files not checked this run, up to its limit', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'dojo-cache-'));
    const first = new CheckCache(cacheDir, 'salt');
    first.set({ file: 'x.yaml', issues: [], sourceHash: 'h1' });
    first.save();
    const second = new CheckCache(cacheDir, 'salt');
    second.set({ file: 'y.yaml', issues: [], sourceHash: 'h2' });
    second.save();
    const third = new CheckCache(cacheDir, 'salt');
    expect(third.get('x.yaml', 'h1')?.file).toBe('x.yaml');
    expect(third.get('y.yaml', 'h2')?.file).toBe('y.yaml');
    expect(third.get('y.yaml', 'h1')).toBeUndefined();
    expect(new CheckCache(cacheDir, 'another engine').get('x.yaml', 'h1')).toBeUndefined();
  });

  it('fingerprints the engine by every source file and the lockfile', () => {
    const root = mkdtempSync(join(tmpdir(), 'dojo-engine-'));
    mkdirSync(join(root, 'src', 'rubric'), { recursive: true });
    writeFileSync(join(root, 'src', 'rubric', 'score.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'package-lock.json'), '{"v":1}');
    const before = engineFingerprint(root);
    expect(engineFingerprint(root)).toBe(before);
    writeFileSync(join(root, 'src', 'rubric', 'score.ts'), 'export const a = 2;\n');
    const edited = engineFingerprint(root);
    expect(edited).not.toBe(before);
    writeFileSync(join(root, 'package-lock.json'), '{"v":2}');
    expect(engineFingerprint(root)).not.toBe(edited);
  });
});
