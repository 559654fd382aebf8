import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { PROGRESS_FILE } from '../../src/node/quiz-store.ts';
import { fakeIo } from '../helpers/io.ts';
import { bank } from './helpers.ts';

async function run(args: string[], env: Record<string, string> = {}) {
  const f = fakeIo([], { DOJO_DATA_DIR: mkdtempSync(join(tmpdir(), 'dojo-quiz-cli-')), ...env });
  const code = await main(args, f.io);
  return { code, out: f.stdout(), err: f.stderr() };
}

describe('dojo quiz --grade', () => {
  it('prints { id, score, correct, hit, missed } for a choice answer', async () => {
    const r = await run(['quiz', '--grade', 'sq-members', '--answer', 'a,b', '--json']);
    expect(r).toEqual({ code: 0, out: '{"id":"sq-members","score":67,"correct":false,"hit":["a","b"],"missed":["c"]}\n', err: '' });
  });

  it('grades a short answer by key points, Traditional input included', async () => {
    const r = await run(['quiz', '--grade', 'mo-identify-case', '--answer', '這是求尊重型投訴,要理解他、重視他,不必道歉。', '--json']);
    expect(JSON.parse(r.out)).toEqual({ id: 'mo-identify-case', score: 75, correct: true, hit: ['motive', 'understanding', 'seriousness'], missed: ['apology'] });
    expect(r.code).toBe(0);
  });

  it('without --json shows the verdict, each key point and the reference answer', async () => {
    const r = await run(['quiz', '--grade', 'mo-identify-case', '--answer', '求尊重,要道歉', '--lang', 'zh']);
    expect(r.out.split('\n').slice(0, 6)).toEqual([
      '✘ 回答错误 · 得分 50/100',
      '要点:',
      '  ✔ 判断为求尊重',
      '  ✘ 充分理解',
      '  ✘ 高度重视',
      '  ✔ 真诚道歉',
    ]);
    expect(r.out).toContain('参考答案: 这是求尊重型投诉。应当表示充分的理解，');
  });

  it('names an unknown question with a suggestion, and an answer that is no option (exit 1)', async () => {
    const unknown = await run(['quiz', '--grade', 'sq-weight-tpo', '--answer', 'a']);
    expect(unknown).toEqual({ code: 1, out: '', err: "unknown question 'sq-weight-tpo', did you mean 'sq-weight-top'?\n" });
    const bad = await run(['quiz', '--grade', 'sq-weight-top', '--answer', 'z', '--json']);
    expect(bad.code).toBe(1);
    expect(bad.err).toBe("'z' is not an option of this question (e.g. --answer b or --answer a,c)\n");
  });
});

describe('dojo quiz --list', () => {
  it('prints the whole bank as JSON', async () => {
    const r = await run(['quiz', '--list', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as { id: string; type: string }[];
    expect(list.length).toBe(bank.questions.length);
    expect(list[0]).toEqual(bank.questions[0]);
  });

  it('prints one line per question of a topic', async () => {
    const r = await run(['quiz', '--list', '--topic', 'pricing', '--lang', 'zh']);
    expect(r.out.split('\n').filter(Boolean)).toEqual([
      'pc-objectives  multiple    pricing          ★★   服务企业可以选择的定价目标有哪些?',
      'pc-salon       single      pricing          ★★   一家美容院定价很高，但服务与价格不相称，引来顾客投诉。它的定…',
      'pc-factors     multiple    pricing          ★★   企业在制定服务价格策略时需要考虑哪些因素?',
      'pc-high-price  true_false  pricing          ★    顾客通常会把高价格和更高水平的服务联系起来。',
    ]);
  });
});

describe('dojo quiz usage and the terminal', () => {
  it('refuses to run interactively without a terminal and points to the script forms (exit 2)', async () => {
    const r = await run(['quiz', '--topic', 'steps']);
    expect(r.code).toBe(2);
    expect(r.err).toBe("dojo quiz needs a terminal. For scripts and CI use 'dojo quiz --list [--json]' or 'dojo quiz --grade ID --answer TEXT --json'.\n");
  });

  it.each([
    [['quiz', '--topic', 'servqal', '--list'], "unknown topic 'servqal', did you mean 'servqual'?"],
    [['quiz', '--new', 'many'], "--new must be a whole number of 0 or more, not 'many'"],
    [['quiz', '--new=-3'], "--new must be a whole number of 0 or more, not '-3'"],
    [['quiz', '--grade', 'sq-weight-top'], '--grade ID and --answer TEXT go together'],
    [['quiz', '--json'], '--json goes with --list, --grade or --stats'],
    [['quiz', '--list', '--stats'], 'choose one of --list, --grade or --stats'],
    [['quiz', '--frobnicate'], "Unknown option '--frobnicate'"],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it('has help, and is listed in the main help', async () => {
    const r = await run(['quiz', '--help']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('Usage: dojo quiz [--topic T] [--new N] [--lang zh|en]');
    expect((await run(['--help'])).out).toContain('dojo quiz [--topic T] [--new N]');
  });
});

describe('dojo quiz --stats', () => {
  it('counts what is due in a fresh data folder', async () => {
    const r = await run(['quiz', '--stats', '--json', '--new', '5']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.due).toEqual({ new: 5, learning: 0, review: 0, boosted: 0 });
    expect(s.stats).toMatchObject({ reviews: 0, retention: null, streak: 0 });
    expect(s.leeches).toEqual([]);
  });

  it('reports a corrupt progress file, moves it aside and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dojo-quiz-cli-'));
    writeFileSync(join(dir, PROGRESS_FILE), 'not json');
    const r = await run(['quiz', '--stats'], { DOJO_DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^The progress file was corrupt \(progress_not_json\); it was moved to .*quiz-progress\.json\.corrupt-[0-9T-]+Z and progress starts afresh\.\n$/);
    expect(existsSync(join(dir, PROGRESS_FILE))).toBe(false);
    const aside = readdirSync(dir).find((f) => f.startsWith(`${PROGRESS_FILE}.corrupt-`))!;
    expect(readFileSync(join(dir, aside), 'utf8')).toBe('not json');
  });
});
