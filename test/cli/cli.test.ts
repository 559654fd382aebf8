import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { fakeIo } from '../helpers/io.ts';

const dir = mkdtempSync(join(tmpdir(), 'dojo-cli-'));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const good = write('good.yaml', 'scenario: yogurt-fly\nturns:\n  - customer: 有苍蝇!\n  - agent: 非常抱歉,经理那样说太不应该了。孩子还好吗?我们去办公室坐下说。\n');
const generic = write('generic.json', JSON.stringify({ locale: 'en', turns: [{ customer: 'Fee charged!' }, { agent: "I'm sorry. I'll refund the fee today and call you back by 5 pm." }] }));
const broken = write('broken.yaml', 'turns:\n  - agnet: hi\n');

async function run(args: string[], input: string[] = []) {
  const f = fakeIo(input);
  const code = await main(args, f.io);
  return { code, out: f.stdout(), err: f.stderr() };
}

describe('dojo score', () => {
  it('prints one JSON array in argument order, each report with its file', async () => {
    const r = await run(['score', generic, good, '--json']);
    expect(r.code).toBe(0);
    const reports = JSON.parse(r.out);
    expect(reports.map((x: { file: string }) => x.file)).toEqual([generic, good]);
    expect(reports[1]).toMatchObject({ scenario: 'yogurt-fly', locale: 'zh' });
    expect(Object.keys(reports[0].dimensions)).toEqual(['reliability', 'responsiveness', 'assurance', 'empathy', 'tangibles']);
    expect(reports[0].turns.map((t: { turn: number }) => t.turn)).toEqual([1]);
  });

  it('prints a readable report with bars, steps, flags and advice', async () => {
    const r = await run(['score', good]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('总分:');
    expect(r.out).toMatch(/可靠性 \(32%\) +[█░]{20} +\d+/);
    expect(r.out).toContain('为值班经理的话道歉');
  });

  it('keeps scoring the other files when one is broken, and exits 1', async () => {
    const r = await run(['score', broken, generic, '--json']);
    expect(r.code).toBe(1);
    const reports = JSON.parse(r.out);
    expect(reports[0].errors[0].message).toBe(`${reports[0].errors[0].file}:2:5 unknown_key unknown key 'agnet', did you mean 'agent'?`);
    expect(reports[1].total).toBeGreaterThan(50);
  });

  it('names an unknown scenario with a suggestion', async () => {
    const r = await run(['score', generic, '--scenario', 'yogurt-fyl']);
    expect(r.code).toBe(1);
    expect(r.err).toContain("unknown_scenario unknown scenario 'yogurt-fyl', did you mean 'yogurt-fly'?");
  });

  it('reports a missing file and a file that is not a transcript without a stack trace', async () => {
    const r = await run(['score', join(dir, 'nope.yaml'), write('list.yaml', '- just\n- a list\n')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('file_unreadable cannot read the file: no such file');
    expect(r.err).toContain('invalid_type expected object');
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});

describe('dojo validate, list, usage', () => {
  it('validates the shipped library', async () => {
    const r = await run(['validate']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/(\d+) files, \1 valid, 0 errors/);
  });

  it('reports every broken file as file:line:col code message and still checks the rest', async () => {
    const bad = write('bad.yaml', 'version: 1\nid: x\nopning: []\n');
    const r = await run(['validate', bad, join(process.cwd(), 'scenarios/pump-warranty.yaml'), '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.ok).toBe(false);
    expect(report.files.map((f: { ok: boolean }) => f.ok)).toEqual([false, true]);
    expect(report.files[0].issues.map((i: { code: string }) => i.code)).toContain('unknown_key');
  });

  it('lists the library as JSON', async () => {
    const r = await run(['list', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(['pump-warranty', 'yogurt-fly']));
  });

  it('answers --help everywhere and exits 2 on usage errors', async () => {
    for (const cmd of ['score', 'validate', 'list', 'coach']) {
      const r = await run([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: dojo ${cmd}`);
    }
    expect((await run(['score'])).code).toBe(2);
    expect((await run(['score', good, '--frobnicate'])).code).toBe(2);
    expect((await run(['dance'])).code).toBe(2);
    expect((await run(['list', '--lang', 'fr'])).code).toBe(2);
  });

  it('coaches a reply read from standard input', async () => {
    const r = await run(['coach', 'pump-warranty', '--lang', 'en'], ["I'm sorry you've been passed around. I'll handle this myself and call you back by 4 pm today.", '']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Score so far:');
    expect(r.out).toContain('Committed to a specific time.');
  });
});

describe('the installed bin', () => {
  it('runs through npx-style node invocation with no build step', () => {
    const out = execFileSync(process.execPath, ['src/cli/dojo.js', '--help'], { encoding: 'utf8' });
    expect(out).toContain('dojo score FILE...');
    const bad = spawnSync(process.execPath, ['src/cli/dojo.js', 'score', broken], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("did you mean 'agent'?");
  });
});

describe('dojo play and practice', () => {
  const good = write(
    'yf-good.yaml',
    `- 李女士,先替我们经理刚才那句话向您道歉,那样说太不应该了。孩子现在感觉怎么样?咱们去旁边办公室坐下,我给孩子倒杯水。
- 换作是我也会吓一跳。是在哪里发现的?当时杯口是撕开的,还是只插了吸管?
- 这盒酸奶我们先封存,今天就送权威机构检测,明天下午五点前我亲自打电话告诉您结果;这杯酸奶先给您退款,这是我的名片。
`,
  );

  it('plays a conversation to its ending and prints the issue’s JSON shape', async () => {
    const r = await run(['play', 'yogurt-fly', '--replies', good, '--seed', '3', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ scenario: 'yogurt-fly', outcome: 'resolved', seed: 3 });
    expect(out.turns[0]).toMatchObject({ agent: expect.stringContaining('经理'), anger: 85 });
    expect(out.turns.at(-1)).not.toHaveProperty('agent');
    expect(out.turns.map((t: { anger: number }) => t.anger)).toEqual([...out.turns.map((t: { anger: number }) => t.anger)].sort((a, b) => b - a));
    // Three short replies: trainers grade so brief a handling in the high seventies to eighties.
    expect(out.report.total).toBeGreaterThanOrEqual(75);
  });

  it('reports unfinished when the replies run out, reading a plain text file', async () => {
    const txt = write('two.txt', '您好。\n\n我看一下。\n');
    const out = JSON.parse((await run(['play', 'pump-warranty', '--replies', txt, '--json'])).out);
    expect(out.outcome).toBe('unfinished');
    expect(out.turns.filter((t: { agent?: string }) => t.agent !== undefined)).toHaveLength(2);
  });

  it('gives the same conversation for the same seed', async () => {
    const a = (await run(['play', 'yogurt-fly', '--replies', good, '--seed', '9', '--json'])).out;
    expect((await run(['play', 'yogurt-fly', '--replies', good, '--seed', '9', '--json'])).out).toBe(a);
  });

  it('explains bad input with exit codes', async () => {
    expect((await run(['play', 'yogurt-fyl', '--replies', good])).err).toContain("did you mean 'yogurt-fly'?");
    expect((await run(['play', 'yogurt-fly', '--replies', join(dir, 'missing.txt')])).code).toBe(1);
    expect((await run(['play', 'yogurt-fly'])).code).toBe(2);
    expect((await run(['play', 'yogurt-fly', '--replies', good, '--seed', 'x'])).code).toBe(2);
  });

  it('refuses to start the terminal app without a terminal, pointing at dojo play', async () => {
    const r = await run(['practice']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("dojo play SCENARIO --replies FILE");
  });
});
