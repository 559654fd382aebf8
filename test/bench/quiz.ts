// Quiz figures for `npm run bench` (issue 6): grading time per short or case answer.
import { performance } from 'node:perf_hooks';
import { loadQuizBank } from '../../src/node/quiz-bank.ts';
import { createGrader } from '../../src/quiz/grade.ts';
import type { CompiledRubric } from '../../src/rubric/compile.ts';

/** `quiz.grade_ms`: median time to grade one short/case answer (reference answers and their first halves). */
export function quizFigures(rubric: CompiledRubric): Record<string, number> {
  const loadStart = performance.now();
  const { bank } = loadQuizBank(undefined, rubric);
  const loadMs = performance.now() - loadStart;
  const grader = createGrader(bank, rubric.negation);
  const answers: [string, string][] = [];
  for (const q of bank.questions) {
    if (q.type !== 'short' && q.type !== 'case') continue;
    for (const text of typeof q.answer === 'string' ? [q.answer] : [q.answer.zh, q.answer.en]) {
      if (!text) continue;
      answers.push([q.id, text], [q.id, text.slice(0, Math.ceil(text.length / 2))]);
    }
  }
  for (const [id, text] of answers) grader.grade(id, text); // warm up (patterns compile on first use)
  const times: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const [id, text] of answers) {
      const start = performance.now();
      grader.grade(id, text);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  return { 'quiz.questions': bank.questions.length, 'quiz.grade_ms': times[Math.floor(times.length / 2)]!, 'quiz.grade_p95_ms': times[Math.floor(times.length * 0.95)]!, 'quiz.load_and_check_bank_ms': loadMs };
}
