import type { CompiledRubric } from '../../../src/rubric/compile.ts';
import { bankContext, checkBank, createGrader, emptyProgress, feedPractice, parseProgress, serializeProgress, type Grader, type PracticeOutcome, type QuizBank, type QuizProgress } from '../../../src/quiz/index.ts';
import type { Issue } from '../../../src/scenario/issues.ts';
import { saveFailed, setAside, type KeyValueStorage, type StoreNotice } from '../../app/stored-list.ts';

/** The question bank, bundled as text (this module is its own chunk, loaded on demand). */
const bankTexts = import.meta.glob('../../../scenarios/quiz/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface WebQuiz {
  readonly bank: QuizBank;
  readonly grader: Grader;
  readonly issues: readonly Issue[];
}

const cache = new WeakMap<CompiledRubric, WebQuiz>();

/** Check the bank against the rubric (step ids, negation) and make its grader (once per rubric). */
export function loadWebQuiz(rubric: CompiledRubric): WebQuiz {
  const hit = cache.get(rubric);
  if (hit) return hit;
  const sources = Object.keys(bankTexts).sort().map((p) => ({ file: p.replace(/^(\.\.\/)+/, ''), text: bankTexts[p]! }));
  const checked = checkBank(sources, bankContext(rubric));
  const quiz = { bank: checked.bank, grader: createGrader(checked.bank, rubric.negation), issues: checked.issues };
  cache.set(rubric, quiz);
  return quiz;
}

export const PROGRESS_KEY = 'complaint-dojo.quiz-progress.v1';

/**
 * Quiz progress in the browser's storage. A damaged value is set aside under a
 * `complaint-dojo.corrupt.<time>` key and reported; the candidate starts afresh, never silently.
 */
export function readQuizProgress(storage: KeyValueStorage, now: number): { progress: QuizProgress; notice?: StoreNotice } {
  let raw: string | null;
  try {
    raw = storage.getItem(PROGRESS_KEY);
  } catch (e) {
    return { progress: emptyProgress(), notice: saveFailed(e) };
  }
  if (raw === null) return { progress: emptyProgress() };
  const parsed = parseProgress(raw);
  if (parsed.ok) return { progress: parsed.progress };
  const key = setAside(storage, raw, now);
  if (key) storage.removeItem(PROGRESS_KEY);
  return { progress: emptyProgress(), notice: { code: 'corrupt_store', key: key ?? PROGRESS_KEY } };
}

/** Save quiz progress; a refused write comes back as a notice. */
export function writeQuizProgress(storage: KeyValueStorage, progress: QuizProgress): StoreNotice | undefined {
  try {
    storage.setItem(PROGRESS_KEY, serializeProgress(progress));
    return undefined;
  } catch (e) {
    return saveFailed(e);
  }
}

/**
 * Practice feeds the quiz: after a practice report, the questions linked to its red flags and
 * missed steps become due first. Returns the ids brought forward.
 */
export function feedQuizFromPractice(storage: KeyValueStorage, rubric: CompiledRubric, report: PracticeOutcome, now: number): string[] {
  const { progress, notice } = readQuizProgress(storage, now);
  if (notice) return []; // damaged progress: the Quiz screen reports it; never overwrite it here
  const { bank } = loadWebQuiz(rubric);
  const fed = feedPractice(progress, bank, report, now);
  if (fed.boosted.length > 0) writeQuizProgress(storage, fed.progress);
  return fed.boosted;
}
