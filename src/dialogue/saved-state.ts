import { z } from 'zod';
import { SignalId, Stage, TranscriptTurn } from '../scenario/schema.ts';
import type { DialogueState } from './engine.ts';

const Score = z.number().int().min(0).max(100);

/**
 * The shape of a saved `DialogueState` (version 1). Front ends check stored sessions against it
 * before resuming, so a damaged or foreign save is reported instead of crashing the engine.
 */
export const SavedDialogueState = z.object({
  version: z.literal(1),
  scenario: z.string().min(1),
  lang: z.enum(['zh', 'en']),
  seed: z.number().int(),
  rng: z.number().int(),
  startedAt: z.number(),
  updatedAt: z.number(),
  anger: Score,
  trust: Score,
  patience: z.number().int(),
  stage: Stage,
  revealed: z.array(z.string()),
  played: z.array(z.string()),
  said: z.array(z.string()),
  shown: z.array(SignalId),
  keyPoints: z.array(z.string()),
  outcome: z.enum(['ongoing', 'resolved', 'escalated', 'timeout']),
  transcript: z.array(TranscriptTurn).min(1),
  angerCurve: z.array(Score),
});

// Compile-time check that the schema and the engine's type describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.infer<typeof SavedDialogueState>['outcome'], DialogueState['outcome']> = true;
void sameShape;

/** Check an unknown value (e.g. parsed from storage) as a dialogue state; never throws. */
export function readDialogueState(value: unknown): DialogueState | undefined {
  const r = SavedDialogueState.safeParse(value);
  return r.success ? (r.data as DialogueState) : undefined;
}

