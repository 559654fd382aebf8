import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { feedPractice, type PracticeOutcome } from '../quiz/feed.ts';
import { emptyProgress, parseProgress } from '../quiz/progress.ts';
import type { CompiledRubric } from '../rubric/compile.ts';
import { loadQuizBank } from './quiz-bank.ts';
import { dataDir, PROGRESS_FILE, saveProgress } from './quiz-store.ts';

/**
 * Practice feeds the quiz in the terminal: at the end of `dojo practice`, the questions linked to
 * the report's red flags and missed steps are brought forward in the stored quiz progress. A
 * progress file that cannot be read is left exactly as it is (the next `dojo quiz` reports it and
 * sets it aside); nothing is recorded then. Returns the ids brought forward.
 */
export function recordPracticeInQuiz(report: PracticeOutcome, env: Readonly<Record<string, string | undefined>>, rubric: CompiledRubric, now: number): string[] {
  const dir = dataDir(env);
  let text: string | undefined;
  try {
    text = readFileSync(join(dir, PROGRESS_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return [];
  }
  const parsed = text === undefined ? { ok: true as const, progress: emptyProgress() } : parseProgress(text);
  if (!parsed.ok) return [];
  const { bank } = loadQuizBank(undefined, rubric);
  const fed = feedPractice(parsed.progress, bank, report, now);
  if (fed.boosted.length > 0) saveProgress(dir, fed.progress);
  return fed.boosted;
}
