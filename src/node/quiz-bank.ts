import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledRubric } from '../rubric/compile.ts';
import { bankContext, checkBank, type CheckedBank } from '../quiz/validate.ts';
import type { SourceFile } from '../scenario/validate.ts';
import { defaultScenarioDir, isIssue, readSource, yamlFilesUnder } from './library.ts';

/** The question bank shipped with the package: `scenarios/quiz/` (follows DOJO_SCENARIOS). */
export function defaultQuizDir(): string {
  return join(defaultScenarioDir(), 'quiz');
}

/**
 * Load and check every question-bank file under `dir`. With the rubric, links must name its steps
 * and every reference answer must hit its own key points. A broken file is reported and left out.
 */
export function loadQuizBank(dir: string = defaultQuizDir(), rubric?: CompiledRubric): CheckedBank {
  if (!existsSync(dir)) return { bank: { questions: [] }, issues: [{ file: dir, line: 1, col: 1, severity: 'error', code: 'no_files', path: '', params: {} }] };
  // yamlFilesUnder skips folders named quiz, so list this one's files directly.
  const files = yamlFilesUnder(dir).scenarios;
  const read = files.map((f) => readSource(f));
  const sources = read.filter((r): r is SourceFile => !isIssue(r));
  const checked = checkBank(sources, rubric ? bankContext(rubric) : {});
  const issues = [...read.filter(isIssue), ...checked.issues];
  if (files.length === 0) issues.push({ file: dir, line: 1, col: 1, severity: 'error', code: 'no_files', path: '', params: {} });
  return { bank: checked.bank, issues };
}
