import type { Scenario } from '../scenario/schema.ts';
import type { Dialogue, DialogueState } from './engine.ts';

/**
 * Replay a session's first `replies` trainee replies from its seed. The engine is pure, so this
 * reproduces the original conversation exactly up to that point; "rewrite reply N" starts from it.
 */
export function replayReplies(dialogue: Dialogue, scenario: Scenario, from: DialogueState, replies: number, now: number): DialogueState {
  let state = dialogue.startSession(scenario, { seed: from.seed, now, lang: from.lang }).state;
  let taken = 0;
  for (const turn of from.transcript) {
    if (taken >= replies) break;
    if ('agent' in turn) {
      state = dialogue.step(state, turn.agent, { now }).state;
      taken++;
    }
  }
  return state;
}
