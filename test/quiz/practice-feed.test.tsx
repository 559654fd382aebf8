import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { PracticeApp } from '../../src/cli/practice/PracticeApp.tsx';
import { createDialogue } from '../../src/dialogue/engine.ts';
import { recordPracticeInQuiz } from '../../src/node/quiz-practice.ts';
import { PROGRESS_FILE } from '../../src/node/quiz-store.ts';
import type { ScoreReport } from '../../src/rubric/score.ts';
import { rubric, scenario } from '../helpers/library.ts';

const T0 = Date.UTC(2025, 0, 6, 9, 0);
const fresh = () => mkdtempSync(join(tmpdir(), 'dojo-quiz-feed-'));
let app: ReturnType<typeof render> | undefined;
afterEach(() => app?.unmount());

describe('practice feeds the quiz in the terminal', () => {
  it('records the questions on a session\'s red flags and missed steps in the stored progress', () => {
    const dir = fresh();
    const report = { steps: [{ id: 'quiet_place', done: false }, { id: 'thank', done: true }], flags: [{ id: 'blame' }] };
    const boosted = recordPracticeInQuiz(report, { DOJO_DATA_DIR: dir }, rubric, T0);
    expect(boosted).toEqual(['cv-gift', 'cv-view-short', 'co-question-skills', 'sq-tangibles-office', 'sq-tangibles-examples', 'st-counter-first']);
    const stored = JSON.parse(readFileSync(join(dir, PROGRESS_FILE), 'utf8'));
    expect(stored.boosts['cv-gift']).toEqual({ at: T0, reasons: ['flag:blame'] });
    expect(stored.boosts['st-counter-first']).toEqual({ at: T0, reasons: ['step:quiet_place'] });
  });

  it('leaves a progress file it cannot read untouched', () => {
    const dir = fresh();
    writeFileSync(join(dir, PROGRESS_FILE), 'garbage');
    expect(recordPracticeInQuiz({ steps: [{ id: 'thank', done: false }], flags: [] }, { DOJO_DATA_DIR: dir }, rubric, T0)).toEqual([]);
    expect(readFileSync(join(dir, PROGRESS_FILE), 'utf8')).toBe('garbage');
  });

  it('dojo practice hands the report over once when the session ends', async () => {
    const yogurt = scenario('yogurt-fly');
    const reports: ScoreReport[] = [];
    app = render(<PracticeApp dialogue={createDialogue(rubric, [yogurt])} rubric={rubric} scenarios={[yogurt]} lang="zh" seed={1} now={() => 0} interactive initial={yogurt} onEnd={(r) => reports.push(r)} />);
    const deadline = Date.now() + 5000;
    while (reports.length === 0 && Date.now() < deadline) {
      app.stdin.write('\u001B'); // Esc ends the session
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(reports.length).toBe(1);
    expect(reports[0]!.steps.map((s) => [s.id, s.done])).toEqual([
      ['quiet_place', false], ['accept_apologise', false], ['explain', false], ['sympathise', false], ['solve_quickly', false], ['apologise_again', false], ['thank', false],
    ]);
  });
});
