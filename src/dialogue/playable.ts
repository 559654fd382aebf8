import type { CompiledRubric } from '../rubric/compile.ts';
import { createScorer } from '../rubric/score.ts';
import type { Issue } from '../scenario/issues.ts';
import { localize, type Scenario } from '../scenario/schema.ts';
import { checkScenario, type CheckedScenario, type ScenarioFinding, type SourceFile } from '../scenario/validate.ts';
import type { Lang } from '../text/messages.ts';
import { createDialogue } from './engine.ts';

/** A model answer should earn at least this on its own scenario; below it the scenario contradicts itself. */
export const MODEL_ANSWER_MIN_SCORE = 80;

/**
 * A deep check for `checkScenario`: play every model answer, in each language it is written in,
 * and score it on its own scenario. Reports answers that do not reach the `resolved` ending
 * (error), answers scoring below `MODEL_ANSWER_MIN_SCORE` (warning) and key points that no model
 * answer in a language makes (warning): each means the scenario contradicts itself.
 */
export function playabilityCheck(rubric: CompiledRubric): (scenario: Scenario) => ScenarioFinding[] {
  const scorer = createScorer(rubric);
  return (scenario) => {
    const out: ScenarioFinding[] = [];
    const dialogue = scenario.endings ? createDialogue(rubric, [scenario]) : undefined;
    const unresolved: string[] = [];
    const made = new Map<Lang, Set<string>>();
    for (const [i, answer] of scenario.model_answers.entries()) {
      for (const lang of ['zh', 'en'] as const) {
        const written = answer.replies.every((r) => typeof r === 'string' || r[lang] !== undefined);
        if (!written) continue;
        const replies = answer.replies.map((r) => localize(r, lang));
        // Scored as written, every reply included, without customer lines (taking up their words
        // could only raise the score).
        const report = scorer.scoreTranscript({ locale: lang, turns: replies.map((agent) => ({ agent })) }, scenario);
        const hits = made.get(lang) ?? new Set<string>();
        for (const k of report.key_points) if (k.hit) hits.add(k.id);
        made.set(lang, hits);
        if (report.total < MODEL_ANSWER_MIN_SCORE) {
          out.push({ path: ['model_answers', i], code: 'model_answer_low', params: { answer: i + 1, lang, score: report.total, min: MODEL_ANSWER_MIN_SCORE }, severity: 'warning' });
        }
        if (!dialogue) continue;
        let { state } = dialogue.startSession(scenario, { seed: 1, now: 0, lang });
        for (const reply of replies) {
          if (state.outcome !== 'ongoing') break;
          state = dialogue.step(state, reply).state;
        }
        if (state.outcome === 'resolved') continue;
        const end = state.outcome === 'ongoing' ? 'unfinished' : state.outcome;
        unresolved.push(`answer ${i + 1} ${lang}: ${end}, anger ${state.anger}, trust ${state.trust}`);
      }
    }
    for (const [lang, hits] of made) {
      scenario.key_points.forEach((k, i) => {
        if (!hits.has(k.id)) out.push({ path: ['key_points', i, 'id'], code: 'key_point_unmatched', params: { id: k.id, lang }, severity: 'warning' });
      });
    }
    if (unresolved.length > 0) out.unshift({ path: ['model_answers'], code: 'unresolvable', params: { detail: unresolved.join('; ') }, severity: 'error' });
    return out;
  };
}

/**
 * Every problem in one scenario's YAML text, for an editor linting as the author types: shape,
 * references, reachability, and the model answers played and scored. Pure and synchronous (no
 * Node, no I/O); each issue carries its code, severity, line:col and message parameters, worded
 * by `renderIssue`. Pass the same `check` (from `playabilityCheck(rubric)`) on every keystroke to
 * reuse the scorer. Playing the model answers is most of the cost (milliseconds per answer):
 * `check: false` leaves it out, for a lint on every keystroke and the full one when typing pauses.
 */
export function lintScenario(
  text: string,
  rubric: CompiledRubric,
  options: { file?: string; check?: ((scenario: Scenario) => ScenarioFinding[]) | false } = {},
): CheckedScenario & { issues: Issue[] } {
  const source: SourceFile = { file: options.file ?? 'scenario.yaml', text };
  const check = options.check === false ? undefined : (options.check ?? playabilityCheck(rubric));
  return checkScenario(source, rubric.data, check);
}
