import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/node/library.ts';
import { checkFilesInParallel } from '../../src/node/parallel-check.ts';
import { shippedScenarios, writeDistinctScenarios } from '../bench/many-scenarios.ts';

// 30 distinct scenarios, one broken, one unreadable and one reusing an id: every kind of result.
function folder(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'dojo-parallel-'));
  const files = writeDistinctScenarios(dir, 30);
  const broken = join(dir, 'broken.yaml');
  writeFileSync(broken, 'version: 1\nid: broken\nopning: []\n');
  const duplicate = join(dir, 'duplicate.yaml');
  writeFileSync(duplicate, shippedScenarios()[0]!.text);
  const binary = join(dir, 'binary.yaml');
  writeFileSync(binary, Buffer.from([0xff, 0xfe, 0x00, 0x81]));
  return [...files.slice(0, 10), broken, duplicate, ...files.slice(10, 20), binary, ...files.slice(20), join(dir, 'missing.yaml')];
}

// What a report shows: the files, and every issue in order.
const report = (r: { files: string[]; issues: unknown[]; checked: { file: string; id?: string }[] }) => ({
  files: r.files,
  issues: r.issues,
  ids: r.checked.map((c) => [c.file, c.id]),
});

describe('checking many files on worker threads', () => {
  const files = folder();
  const sequential = checkFiles(files, []);

  it('gives exactly the one-thread report, in file order', async () => {
    const parallel = await checkFilesInParallel(files, [], { workers: 2, minFiles: 0, workersOnly: true });
    expect(report(parallel)).toEqual(report(sequential));
    expect(sequential.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['unknown_key', 'not_text', 'file_unreadable']));
    expect(sequential.checked.filter((c) => c.id !== undefined)).toHaveLength(31);
  }, 60_000);

  it('checks a failed worker\'s files itself, losing none', async () => {
    const parallel = await checkFilesInParallel(files, [], { workers: 2, minFiles: 0, workersOnly: true, workerScript: new URL('./no-such-worker.js', import.meta.url) });
    expect(report(parallel)).toEqual(report(sequential));
  }, 60_000);

  it('keeps ids, not scenarios, so a thousand files stay small', async () => {
    const parallel = await checkFilesInParallel(files.slice(0, 12), [], { workers: 1, minFiles: 0, workersOnly: true });
    expect(parallel.checked.every((c) => c.scenario === undefined)).toBe(true);
    expect(parallel.checked.filter((c) => c.id).length).toBe(11);
  }, 60_000);
});
