import type { CompiledNegation } from '../rubric/compile.ts';
import { CLAUSE_END, isNegated, splitSpans, SENTENCE_END } from '../rubric/detect.ts';
import { compilePattern, findMatches, type CompiledPattern } from '../rubric/pattern.ts';
import { localize } from '../scenario/schema.ts';
import { normalizeText } from '../text/normalize.ts';
import { isChoice, isOpen, type Question, type QuizBank } from './schema.ts';

/** A candidate's answer, typed; `parseAnswer` turns typed text into one. */
export type QuizAnswer =
  | { readonly kind: 'choice'; readonly picked: readonly string[] }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'text'; readonly text: string };

/**
 * The verdict on one answer. `hit` and `missed` are option ids for choice questions (correct
 * options picked / not picked) and key-point ids for short and case answers; `wrong` lists
 * options picked that are not correct.
 */
export interface QuizGrade {
  readonly id: string;
  /** 0–100. */
  readonly score: number;
  readonly correct: boolean;
  readonly hit: readonly string[];
  readonly missed: readonly string[];
  readonly wrong: readonly string[];
}

/** Why an answer could not be graded: the candidate typed something that names no option. */
export interface AnswerError {
  readonly error: 'unknown_question' | 'unknown_option' | 'not_true_false' | 'empty';
  readonly detail: string;
}

export const isAnswerError = (x: unknown): x is AnswerError => typeof x === 'object' && x !== null && 'error' in x;

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1', '对', '正确', '是', '√', '✓', '✔', 'o']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0', '错', '错误', '否', '不对', '×', 'x', '✗', '✘']);

/**
 * Read typed text as an answer to `q`: option letters ("b", "a,c", "AC", "a c") for choice
 * questions, true/false words in either language (对/错, t/f, yes/no) for true/false, the text
 * itself otherwise.
 */
export function parseAnswer(q: Question, text: string): QuizAnswer | AnswerError {
  const folded = normalizeText(text).text.trim();
  if (folded === '') return { error: 'empty', detail: '' };
  if (q.type === 'true_false') {
    const word = folded.replace(/[。.!]+$/, '');
    if (TRUE_WORDS.has(word)) return { kind: 'bool', value: true };
    if (FALSE_WORDS.has(word)) return { kind: 'bool', value: false };
    return { error: 'not_true_false', detail: text.trim() };
  }
  if (isChoice(q)) {
    const ids = q.options.map((o) => o.id);
    const tokens = folded.split(/[^a-z0-9_-]+/).filter(Boolean);
    const picked: string[] = [];
    for (const token of tokens) {
      if (ids.includes(token)) picked.push(token);
      else if ([...token].every((ch) => ids.includes(ch))) picked.push(...token);
      else return { error: 'unknown_option', detail: token };
    }
    if (picked.length === 0) return { error: 'unknown_option', detail: text.trim() };
    return { kind: 'choice', picked: [...new Set(picked)] };
  }
  return { kind: 'text', text };
}

/** A fill-in answer as compared: normalised, then only letters, digits and % kept. */
export function fillKey(text: string): string {
  return normalizeText(text).text.replace(/[^\p{L}\p{N}%]/gu, '');
}


/** A-not-A question forms: a question, not a negation. */
const A_NOT_A = ['是不是', '有没有', '在不在', '能不能', '会不会', '要不要', '对不对', '好不好'];

interface CompiledKeyPoint {
  readonly id: string;
  readonly weight: number;
  readonly patterns: readonly CompiledPattern[];
}

/** Grades answers to the questions of one bank; open answers need the rubric's negation words. */
export interface Grader {
  /** The question with this id, if the bank has it. */
  question(id: string): Question | undefined;
  /** Grade an answer (typed, or text as `parseAnswer` reads it). */
  grade(id: string, answer: QuizAnswer | string): QuizGrade | AnswerError;
  /** Which key points of an open question `text` hits, in key-point order. */
  keyPointsHit(id: string, text: string): string[];
}

/**
 * Make a grader for `bank`. Choice questions are graded exactly (a multiple-choice answer is
 * correct only as the exact set; its score gives partial credit, less for wrong picks); true/false
 * exactly; fill-in by normalised text (Traditional = Simplified, width, case, punctuation) against
 * the reference and its alternatives; short and case answers by key points, matched with the
 * rubric's pattern language and negation, so "不需要道歉" does not hit an "apologise" point.
 * Pure: no clock, no Intl; patterns are compiled on first use.
 */
export function createGrader(bank: QuizBank, rubricNegation: CompiledNegation): Grader {
  // Answers to "which questions would you ask" are full of A-not-A questions ("盒子是不是撕开的",
  // "有没有类似情况"): the 不/没 in them asks, it does not negate.
  const negation: CompiledNegation = { ...rubricNegation, notNegators: [...rubricNegation.notNegators, ...A_NOT_A] };
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const compiled = new Map<string, CompiledKeyPoint[]>();
  const keyPoints = (q: Question): CompiledKeyPoint[] => {
    if (!isOpen(q)) return [];
    let kps = compiled.get(q.id);
    if (!kps) {
      kps = q.key_points.map((k) => ({ id: k.id, weight: k.weight, patterns: k.patterns.map(compilePattern) }));
      compiled.set(q.id, kps);
    }
    return kps;
  };

  const hits = (q: Question, raw: string): string[] => {
    const text = normalizeText(raw).text;
    const sentences = splitSpans(text, SENTENCE_END);
    const clauses = splitSpans(text, CLAUSE_END);
    const clauseStart = (at: number) => clauses.find((c) => at >= c.start && at < c.end)?.start ?? 0;
    return keyPoints(q)
      .filter((k) => k.patterns.some((p) => findMatches(p, text, sentences).some((m) => !isNegated(text, clauseStart(m.start), m.start, negation))))
      .map((k) => k.id);
  };

  const grade = (id: string, input: QuizAnswer | string): QuizGrade | AnswerError => {
    const q = byId.get(id);
    if (!q) return { error: 'unknown_question', detail: id };
    const answer = typeof input === 'string' ? parseAnswer(q, input) : input;
    if (isAnswerError(answer)) return answer;
    const verdict = (score: number, correct: boolean, hit: string[] = [], missed: string[] = [], wrong: string[] = []): QuizGrade => ({
      id,
      score,
      correct,
      hit,
      missed,
      wrong,
    });
    switch (q.type) {
      case 'single':
      case 'multiple': {
        const picked = answer.kind === 'choice' ? answer.picked : [];
        const right = typeof q.answer === 'string' ? [q.answer] : q.answer;
        const hit = right.filter((r) => picked.includes(r));
        const missed = right.filter((r) => !picked.includes(r));
        const wrong = picked.filter((p) => !right.includes(p));
        const correct = missed.length === 0 && wrong.length === 0;
        // Partial credit: each correct pick earns its share, each wrong pick takes one back.
        const score = correct ? 100 : Math.max(0, Math.round((100 * (hit.length - wrong.length)) / right.length));
        return verdict(q.type === 'single' && !correct ? 0 : score, correct, hit, missed, wrong);
      }
      case 'true_false': {
        const correct = answer.kind === 'bool' && answer.value === q.answer;
        return verdict(correct ? 100 : 0, correct);
      }
      case 'fill': {
        const text = answer.kind === 'text' ? answer.text : '';
        const given = fillKey(text);
        const accepted = [localize(q.answer, 'zh'), localize(q.answer, 'en'), ...q.accept].map(fillKey);
        const correct = given !== '' && accepted.includes(given);
        return verdict(correct ? 100 : 0, correct);
      }
      case 'short':
      case 'case': {
        const text = answer.kind === 'text' ? answer.text : '';
        const found = hits(q, text);
        const kps = keyPoints(q);
        const total = kps.reduce((a, k) => a + k.weight, 0);
        const got = kps.filter((k) => found.includes(k.id)).reduce((a, k) => a + k.weight, 0);
        const score = Math.round((100 * got) / total);
        return verdict(score, score >= q.pass, found, kps.filter((k) => !found.includes(k.id)).map((k) => k.id));
      }
    }
  };

  return {
    question: (id) => byId.get(id),
    grade,
    keyPointsHit: (id, text) => {
      const q = byId.get(id);
      return q ? hits(q, text) : [];
    },
  };
}
