import type { CompiledRubric } from '../rubric/compile.ts';
import { localize, type Scenario } from '../scenario/schema.ts';
import type { ScenarioFinding } from '../scenario/validate.ts';
import { createDialogue } from './engine.ts';

/**
 * A deep check for `checkScenario`: play every model answer, in each language it is written in,
 * and report any that does not reach the `resolved` ending (the scenario contradicts itself).
 */
export function playabilityCheck(rubric: CompiledRubric): (scenario: Scenario) => ScenarioFinding[] {
  return (scenario) => {
    if (!scenario.endings) return [];
    const dialogue = createDialogue(rubric, [scenario]);
    const outcomes: string[] = [];
    for (const [i, answer] of scenario.model_answers.entries()) {
      for (const lang of ['zh', 'en'] as const) {
        const written = answer.replies.every((r) => typeof r === 'string' || r[lang] !== undefined);
        if (!written) continue;
        let { state } = dialogue.startSession(scenario, { seed: 1, now: 0, lang });
        for (const reply of answer.replies) {
          if (state.outcome !== 'ongoing') break;
          state = dialogue.step(state, localize(reply, lang)).state;
        }
        if (state.outcome === 'resolved') continue;
        const end = state.outcome === 'ongoing' ? 'unfinished' : state.outcome;
        outcomes.push(`answer ${i + 1} ${lang}: ${end}, anger ${state.anger}, trust ${state.trust}`);
      }
    }
    if (outcomes.length === 0) return [];
    return [{ path: ['model_answers'], code: 'unresolvable', params: { detail: outcomes.join('; ') }, severity: 'error' }];
  };
}
