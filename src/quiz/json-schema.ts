import { z } from 'zod';
import { QuizFile } from './schema.ts';

/**
 * The JSON Schema of a question-bank file, for editors (each file starts with
 * `# yaml-language-server: $schema=./schema.json`); generated from the zod schema so it cannot drift.
 */
export function quizJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(QuizFile, { io: 'input', unrepresentable: 'any' }), title: 'Complaint Dojo question bank' };
}
