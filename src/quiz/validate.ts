import { z } from 'zod';
import type { CompiledNegation, CompiledRubric } from '../rubric/compile.ts';
import { parsePattern, PatternError } from '../rubric/pattern.ts';
import { closest, type Issue, type IssueCode } from '../scenario/issues.ts';
import type { SourceFile } from '../scenario/validate.ts';
import { parseYaml, type ParsedFile } from '../scenario/yaml.ts';
import { createGrader } from './grade.ts';
import { isChoice, isOpen, QuestionType, QuizFile, type Question, type QuizBank } from './schema.ts';

/** What the bank is checked against beyond its own shape: the rubric's step ids and negation words. */
export interface BankContext {
  /** Every step id of every step model; links to other steps are reported. */
  readonly stepIds?: readonly string[];
  /** With the negation words, every reference answer must hit its own key points. */
  readonly negation?: CompiledNegation;
}

/** The bank context a compiled rubric gives: its step ids and its negation words. */
export function bankContext(rubric: CompiledRubric): BankContext {
  return { stepIds: rubric.data.step_models.flatMap((m) => m.steps.map((s) => s.id)), negation: rubric.negation };
}

export interface CheckedBank {
  /** Every question of the files that have no errors (a broken file is left out whole). */
  readonly bank: QuizBank;
  readonly issues: Issue[];
}

type Path = (string | number)[];

function issueAt(parsed: ParsedFile<unknown>, file: string, code: IssueCode, path: Path, params: Record<string, string | number>): Issue {
  const at = parsed.locate(path);
  return { file, line: at.line, col: at.col, severity: 'error', code, path: path.join('.'), params };
}

/** A mistyped question type is reported as such, with the list of types, not as a text error. */
function betterTypeIssue(issue: Issue, data: unknown): Issue {
  const m = /^questions\.(\d+)\.type$/.exec(issue.path);
  if (!m || (issue.code !== 'invalid_type' && issue.code !== 'invalid_value')) return issue;
  const given = (data as { questions?: { type?: unknown }[] } | undefined)?.questions?.[Number(m[1])]?.type;
  const id = String(given ?? '');
  return { ...issue, code: 'unknown_question_type', params: { id, suggestion: closest(id, QuestionType.options), types: QuestionType.options.join(', ') } };
}

/** Checks on one parsed question: option references, unique option ids, patterns that compile. */
function questionIssues(q: Question, path: Path, issue: (code: IssueCode, p: Path, params: Record<string, string | number>) => Issue, ctx: BankContext): Issue[] {
  const out: Issue[] = [];
  if (isChoice(q)) {
    const ids = q.options.map((o) => o.id);
    q.options.forEach((o, i) => {
      const first = ids.indexOf(o.id);
      if (first !== i) out.push(issue('duplicate_id', [...path, 'options', i, 'id'], { id: o.id, first: `option ${first + 1}` }));
    });
    const answers = typeof q.answer === 'string' ? [q.answer] : q.answer;
    answers.forEach((a, i) => {
      if (!ids.includes(a)) out.push(issue('unknown_option', typeof q.answer === 'string' ? [...path, 'answer'] : [...path, 'answer', i], { id: a, options: ids.join(', ') }));
    });
  }
  if (isOpen(q)) {
    const ids = q.key_points.map((k) => k.id);
    q.key_points.forEach((k, i) => {
      const first = ids.indexOf(k.id);
      if (first !== i) out.push(issue('duplicate_id', [...path, 'key_points', i, 'id'], { id: k.id, first: `key point ${first + 1}` }));
      k.patterns.forEach((p, j) => {
        try {
          parsePattern(p);
        } catch (e) {
          if (!(e instanceof PatternError)) throw e;
          out.push(issue('bad_pattern', [...path, 'key_points', i, 'patterns', j], { message: e.message }));
        }
      });
    });
  }
  if (ctx.stepIds) {
    q.links?.steps?.forEach((s, i) => {
      if (!ctx.stepIds!.includes(s)) out.push(issue('unknown_step', [...path, 'links', 'steps', i], { id: s, suggestion: closest(s, ctx.stepIds!) }));
    });
  }
  if (ctx.negation && isOpen(q) && out.length === 0) {
    // The reference answer is the model the key points describe: it must hit every one of them.
    const grader = createGrader({ questions: [q] }, ctx.negation);
    const texts = typeof q.answer === 'string' ? { zh: q.answer } : q.answer;
    for (const lang of ['zh', 'en'] as const) {
      const text = texts[lang];
      if (text === undefined) continue;
      const hit = grader.keyPointsHit(q.id, text);
      const missed = q.key_points.filter((k) => !hit.includes(k.id)).map((k) => k.id);
      if (missed.length > 0) out.push(issue('reference_misses', [...path, 'answer'], { lang, ids: missed.join(', ') }));
    }
  }
  return out;
}

/**
 * Parse and check the question-bank files: shape (zod, with line:col), question ids unique across
 * the bank, answers that name real options, patterns that compile, links to known steps, and
 * reference answers that hit their own key points. A file with errors is left out of the bank;
 * the others still load. Never throws for bad input.
 */
export function checkBank(sources: readonly SourceFile[], ctx: BankContext = {}): CheckedBank {
  const issues: Issue[] = [];
  const questions: Question[] = [];
  const firstSeen = new Map<string, string>();
  for (const src of sources) {
    const parsed = parseYaml(src.text, src.file, QuizFile);
    if (!parsed.value) {
      const raw = parseYaml(src.text, src.file, z.unknown()).value;
      issues.push(...parsed.issues.map((i) => betterTypeIssue(i, raw)));
      continue;
    }
    const fileIssues: Issue[] = [];
    const issue = (code: IssueCode, p: Path, params: Record<string, string | number>) => issueAt(parsed, src.file, code, p, params);
    parsed.value.questions.forEach((q, i) => {
      fileIssues.push(...questionIssues(q, ['questions', i], issue, ctx));
      const prev = firstSeen.get(q.id);
      if (prev) fileIssues.push(issue('duplicate_id', ['questions', i, 'id'], { id: q.id, first: prev }));
      else {
        const at = parsed.locate(['questions', i, 'id']);
        firstSeen.set(q.id, `${src.file}:${at.line}:${at.col}`);
      }
    });
    issues.push(...fileIssues);
    if (fileIssues.length === 0) questions.push(...parsed.value.questions);
  }
  return { bank: { questions }, issues };
}
