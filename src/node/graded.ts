import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { FlagId, TranscriptTurn } from '../scenario/schema.ts';

/** One expert-graded transcript of the dev or holdout set. */
export const GradedItem = z.strictObject({
  id: z.string(),
  scenario: z.string().optional(),
  locale: z.enum(['zh', 'en']),
  grade: z.number().min(0).max(100),
  flags: z.array(FlagId),
  traps: z.array(z.string()).default([]),
  why: z.string(),
  turns: z.array(TranscriptTurn).min(1),
});
export type GradedItem = z.infer<typeof GradedItem>;

/** Load a graded set; a malformed fixture is a bug in the repository, so this throws. */
export function loadGraded(path: string): GradedItem[] {
  return z.array(GradedItem).parse(parse(readFileSync(path, 'utf8')));
}
