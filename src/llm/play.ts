import type { Dialogue, DialogueState } from '../dialogue/engine.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Lang } from '../text/messages.ts';
import { lineIntentOf, type LlmSession } from './session.ts';

/**
 * Play a whole conversation from a list of replies with the model wording the customer's lines:
 * the engine steps exactly as without a model (same seed, same anger, beats and ending), then the
 * session rewords each new customer line or keeps the scripted one. Every reply is stepped, so
 * none is lost whatever the model does. Stops early when the conversation ends.
 */
export async function playWithModel(options: {
  dialogue: Dialogue;
  scenario: Scenario;
  session: LlmSession;
  replies: readonly string[];
  seed: number;
  lang: Lang;
  now?: number;
}): Promise<DialogueState> {
  const { dialogue, scenario, session } = options;
  let { state } = dialogue.startSession(scenario, { seed: options.seed, now: options.now ?? 0, lang: options.lang });
  await session.warmUp();
  for (const reply of options.replies) {
    if (state.outcome !== 'ongoing') break;
    const step = dialogue.step(state, reply);
    state = step.state;
    const intent = lineIntentOf(step.events);
    if (intent) state = (await session.customerLine(scenario, state, intent)).state;
  }
  return state;
}
