import { render } from 'ink';
import type { Dialogue } from '../../dialogue/engine.ts';
import type { LlmSession } from '../../llm/session.ts';
import type { CompiledRubric } from '../../rubric/compile.ts';
import type { ScoreReport } from '../../rubric/score.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { Lang } from '../../text/messages.ts';
import { PracticeApp } from './PracticeApp.tsx';

/** Render the practice app in the terminal until the trainee quits. */
export async function runPractice(options: {
  dialogue: Dialogue;
  rubric: CompiledRubric;
  scenarios: Scenario[];
  initial?: Scenario;
  lang: Lang;
  seed: number;
  llm?: LlmSession;
  onEnd?: (report: ScoreReport) => void;
}): Promise<void> {
  const app = render(<PracticeApp {...options} now={() => Date.now()} interactive={true} />, { exitOnCtrlC: true });
  await app.waitUntilExit();
}
