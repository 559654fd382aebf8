import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { createDialogue } from '../../src/dialogue/engine.ts';
import { lintScenario } from '../../src/dialogue/playable.ts';
import { formatIssue } from '../../src/scenario/issues.ts';
import { localize } from '../../src/scenario/schema.ts';
import { fakeIo } from '../helpers/io.ts';
import { rubric } from '../helpers/library.ts';

async function run(args: string[]) {
  const f = fakeIo();
  const code = await main(args, f.io);
  return { code, out: f.stdout(), err: f.stderr() };
}

const dir = mkdtempSync(join(tmpdir(), 'dojo-new-'));

describe('dojo new', () => {
  it.each(['en', 'zh'] as const)('writes a %s starter that validates cleanly and plays to resolved with its own model answers', async (locale) => {
    const id = `starter-${locale}`;
    const r = await run(['new', id, '--locale', locale, '--dir', dir]);
    expect(r.code).toBe(0);
    const path = join(dir, `${id}.yaml`);
    expect(r.out).toContain(`dojo validate `);
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=\S+schema\.json$/);
    // Every section is taught by a comment just above or beside it.
    for (const key of ['customer', 'facts', 'key_points', 'forbidden', 'model_answers', 'beats', 'endings']) {
      const lines = text.split('\n');
      expect(lines[lines.indexOf(`${key}:`) - 1], key).toMatch(/^# /);
    }

    const { scenario, issues } = lintScenario(text, rubric, { file: path });
    expect(issues.map((i) => formatIssue(i))).toEqual([]);
    expect(scenario!.id).toBe(id);
    const dialogue = createDialogue(rubric, [scenario!]);
    for (const answer of scenario!.model_answers) {
      let { state } = dialogue.startSession(scenario!, { seed: 7, now: 0, lang: locale });
      for (const reply of answer.replies) if (state.outcome === 'ongoing') state = dialogue.step(state, localize(reply, locale)).state;
      expect(state.outcome).toBe('resolved');
    }

    const validated = await run(['validate', path, '--json']);
    expect(validated.code).toBe(0);
    expect(JSON.parse(validated.out)).toMatchObject({ ok: true, errors: 0, warnings: 0 });
  });

  it('points the schema comment at the shipped schema from wherever the file is written', async () => {
    expect((await run(['new', 'schema-path', '--dir', dir])).code).toBe(0);
    const first = readFileSync(join(dir, 'schema-path.yaml'), 'utf8').split('\n')[0]!;
    const schema = first.replace('# yaml-language-server: $schema=', '');
    expect(existsSync(join(dir, schema))).toBe(true);
  });

  it('refuses to overwrite without --force', async () => {
    const path = join(dir, 'taken.yaml');
    writeFileSync(path, 'mine\n');
    const r = await run(['new', 'taken', '--dir', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('already exists; add --force to overwrite it');
    expect(readFileSync(path, 'utf8')).toBe('mine\n');
    expect((await run(['new', 'taken', '--dir', dir, '--force'])).code).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain('id: taken');
  });

  it('rejects a bad id, a missing id and a bad locale as usage errors', async () => {
    for (const args of [['new', 'Bad Id'], ['new', '../escape'], ['new', '-x'], ['new'], ['new', 'ok-id', '--locale', 'fr'], ['new', 'a', 'b']]) {
      const r = await run([...args, '--dir', dir]);
      expect(r.code, args.join(' ')).toBe(2);
    }
    const r = await run(['new', 'Bad Id', '--dir', dir]);
    expect(r.err).toContain("'Bad Id' is not a valid scenario id: use lower-case letters, digits, - and _");
    expect(existsSync(join(dir, 'Bad Id.yaml'))).toBe(false);
  });
});
