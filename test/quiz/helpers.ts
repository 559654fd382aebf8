import { loadQuizBank } from '../../src/node/quiz-bank.ts';
import { createGrader } from '../../src/quiz/grade.ts';
import { rubric } from '../helpers/library.ts';

/** The shipped bank, checked against the shipped rubric. */
export const shipped = loadQuizBank(undefined, rubric);
export const bank = shipped.bank;
export const grader = createGrader(bank, rubric.negation);
export { rubric };
