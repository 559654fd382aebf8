import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDialogue } from '../../src/dialogue/engine.ts';
import { replayReplies } from '../../src/dialogue/replay.ts';
import { loadLibrary } from '../../src/node/library.ts';
import { scenarioCard } from '../../src/scenario/card.ts';
import { AttemptStore, STORE_KEY, type Attempt, type KeyValueStorage } from '../../web/app/attempts.ts';
import { parseRoute, routeHash } from '../../web/app/route.ts';
import { initialLang } from '../../web/app/texts.ts';

const library = loadLibrary();
const yogurt = library.scenarios.get('yogurt-fly')!.scenario;
const dialogue = createDialogue(library.rubric!, [yogurt]);

class MemoryStorage implements KeyValueStorage {
  map = new Map<string, string>();
  failWrites = false;
  getItem = (k: string) => this.map.get(k) ?? null;
  setItem = (k: string, v: string) => {
    if (this.failWrites) throw new Error('QuotaExceededError');
    this.map.set(k, v);
  };
  removeItem = (k: string) => void this.map.delete(k);
}

function attempt(id: string, replies: string[], now = 1000): Attempt {
  let state = dialogue.startSession(yogurt, { seed: 7, now, lang: 'zh' }).state;
  for (const r of replies) state = dialogue.step(state, r, { now: now + 1 }).state;
  return { id, scenario: yogurt.id, state, ended: false };
}

describe('attempt store', () => {
  it('saves every turn and reads it back after a restart', () => {
    const storage = new MemoryStorage();
    const store = new AttemptStore(storage, () => 5);
    store.save(attempt('a', ['非常抱歉。']));
    store.save(attempt('a', ['非常抱歉。', '您先坐下喝杯水。']));
    const again = new AttemptStore(storage, () => 6);
    expect(again.list().map((a) => a.state.transcript.filter((t) => 'agent' in t).length)).toEqual([2]);
    expect(again.notices).toEqual([]);
  });

  it('sets aside unreadable storage, reports it once and starts empty', () => {
    const storage = new MemoryStorage();
    storage.map.set(STORE_KEY, '{"version":1,"attempts":[{"id"');
    const store = new AttemptStore(storage, () => 42);
    expect(store.notices).toEqual([{ code: 'corrupt_store', key: 'complaint-dojo.corrupt.42' }]);
    expect(storage.map.get('complaint-dojo.corrupt.42')).toBe('{"version":1,"attempts":[{"id"');
    expect(storage.map.has(STORE_KEY)).toBe(false);
    expect(store.list()).toEqual([]);
  });

  it('keeps the good attempts when some are damaged, and sets the bad ones aside', () => {
    const storage = new MemoryStorage();
    const good = attempt('good', ['非常抱歉。']);
    const badState = { ...attempt('bad', []), state: { ...good.state, anger: 'furious' } };
    const otherScenario = { ...attempt('mismatch', []), scenario: 'pump-warranty' };
    storage.map.set(STORE_KEY, JSON.stringify({ version: 1, attempts: [good, badState, otherScenario, 'junk'] }));
    const store = new AttemptStore(storage, () => 9);
    expect(store.list().map((a) => a.id)).toEqual(['good']);
    expect(store.notices).toEqual([{ code: 'corrupt_attempts', count: 3, key: 'complaint-dojo.corrupt.9' }]);
    expect(JSON.parse(storage.map.get('complaint-dojo.corrupt.9')!).attempts).toHaveLength(3);
    expect(JSON.parse(storage.map.get(STORE_KEY)!).attempts).toHaveLength(1);
  });

  it('reports a refused write instead of throwing, and keeps the attempt in memory', () => {
    const storage = new MemoryStorage();
    const store = new AttemptStore(storage, () => 1);
    storage.failWrites = true;
    expect(store.save(attempt('a', ['非常抱歉。']))).toBe(false);
    expect(store.notices).toEqual([{ code: 'save_failed', reason: 'QuotaExceededError' }]);
    expect(store.get('a')?.id).toBe('a');
  });

  it('exports and imports: newer wins, damaged entries are counted, foreign files refused', () => {
    const source = new AttemptStore(new MemoryStorage(), () => 1);
    source.save(attempt('a', ['非常抱歉。'], 2000));
    source.save(attempt('b', [], 3000));
    const target = new AttemptStore(new MemoryStorage(), () => 1);
    target.save(attempt('a', ['非常抱歉。', '您先坐下。'], 9000));
    const doc = JSON.parse(source.exportJson());
    doc.attempts.push({ id: 'x', scenario: 'yogurt-fly', state: {}, ended: false });
    expect(target.importJson(JSON.stringify(doc))).toEqual({ imported: 1, rejected: 1 });
    expect(target.list().map((a) => a.id)).toEqual(['b', 'a']);
    expect(target.get('a')!.state.transcript.filter((t) => 'agent' in t)).toHaveLength(2);
    expect(target.importJson('not json')).toEqual({ imported: 0, rejected: 0, error: 'not_json' });
    expect(target.importJson('{"attempts":[]}')).toEqual({ imported: 0, rejected: 0, error: 'not_export' });
  });
});

describe('replay for "rewrite reply N"', () => {
  it('reproduces the conversation exactly up to the rewritten reply', () => {
    const replies = yogurt.model_answers[0]!.replies.map((r) => (typeof r === 'string' ? r : r.zh!));
    let state = dialogue.startSession(yogurt, { seed: 123, now: 0, lang: 'zh' }).state;
    const states = [state];
    for (const r of replies) states.push((state = dialogue.step(state, r, { now: 0 }).state));
    for (let n = 0; n <= replies.length; n++) {
      expect(replayReplies(dialogue, yogurt, state, n, 0)).toEqual(states[n]);
    }
  });
});

describe('web app helpers', () => {
  it('chooses the interface language: saved choice, then the browser preference, else en', () => {
    expect(initialLang('en', ['zh-CN'])).toBe('en');
    expect(initialLang(null, ['zh-TW', 'en'])).toBe('zh');
    expect(initialLang(null, ['fr-FR', 'en-GB', 'zh'])).toBe('en');
    expect(initialLang('xx', ['de'])).toBe('en');
  });

  it('parses and writes hash routes; unknown routes are the library', () => {
    expect(parseRoute('#/practice/abc%20d')).toEqual({ screen: 'practice', attempt: 'abc d' });
    expect(parseRoute('#/report/')).toEqual({ screen: 'library' });
    expect(parseRoute('#/nonsense')).toEqual({ screen: 'library' });
    expect(routeHash({ screen: 'report', attempt: 'a/b' })).toBe('#/report/a%2Fb');
    expect(parseRoute(routeHash({ screen: 'history' }))).toEqual({ screen: 'history' });
  });

  it('makes library cards that name the languages a scenario is written in', () => {
    const card = scenarioCard(yogurt);
    expect(card).toMatchObject({ id: 'yogurt-fly', motive: yogurt.customer.motive, languages: ['zh', 'en'] });
    const zhOnly = { ...yogurt, title: { zh: '只有中文' }, opening: [{ zh: '开场' }] };
    expect(scenarioCard(zhOnly).languages).toEqual(['zh']);
  });
});

describe('custom scenarios in the web library', () => {
  it('reports a custom file reusing a shipped id at its id line, and leaves it out', async () => {
    const { loadWebLibrary, withCustomScenarios } = await import('../../web/app/library.ts');
    const base = loadWebLibrary();
    const text = readFileSync(new URL('../../scenarios/yogurt-fly.yaml', import.meta.url), 'utf8');
    const idLine = text.split('\n').findIndex((l) => l.startsWith('id:')) + 1;
    const lib = withCustomScenarios(base, [{ name: 'copy.yaml', text }, { name: 'broken.yaml', text: 'version: [' }]);
    const mine = lib.issues.filter((i) => i.file.startsWith('browser:'));
    expect(mine.map((i) => [i.file, i.code, i.line])).toEqual([
      ['browser:broken.yaml', 'yaml_syntax', mine[0]!.line],
      ['browser:copy.yaml', 'duplicate_id', idLine],
    ]);
    expect(String(mine[1]!.params.first)).toMatch(/^scenarios\/yogurt-fly\.yaml:\d+:\d+$/);
    expect(lib.custom.size).toBe(0);
    expect(lib.scenarios.length).toBe(base.scenarios.length);
  });
});
