// The quiz core's public API (question bank, grading, scheduling, progress), for the terminal and
// the browser alike. Pure: no Node built-ins, no UI, time passed in.
export { Question, QuizFile, Topic, QuestionType, isChoice, isOpen } from './schema.ts';
export type { QuizBank, ChoiceQuestion, OpenQuestion, QuizKeyPoint, Links } from './schema.ts';
export { bankContext, checkBank } from './validate.ts';
export type { BankContext, CheckedBank } from './validate.ts';
export { createGrader, parseAnswer, fillKey, isAnswerError } from './grade.ts';
export type { Grader, QuizAnswer, QuizGrade, AnswerError } from './grade.ts';
export { emptyProgress, parseProgress, serializeProgress, PROGRESS_VERSION } from './progress.ts';
export type { QuizProgress, StoredCard, ReviewRecord, ProgressError, ProgressResult, CardState } from './progress.ts';
export { suggestRating, reviewQuestion, previewDue, dueQueue, leeches, cardOf, dayOf, newIntroducedToday, LEECH_LAPSES, DEFAULT_NEW_PER_DAY, RATINGS } from './schedule.ts';
export type { QuizRating, ScheduleOptions, DueCounts, DueQueue } from './schedule.ts';
export { quizStats } from './stats.ts';
export type { QuizStats } from './stats.ts';
export { feedPractice, FEED_LIMIT, FEED_PER_REASON } from './feed.ts';
export type { PracticeOutcome } from './feed.ts';
export { quizJsonSchema } from './json-schema.ts';
