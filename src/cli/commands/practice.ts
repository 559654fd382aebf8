import { recordPracticeInQuiz } from '../../node/quiz-practice.ts';
import type { ScoreReport } from '../../rubric/score.ts';
import { createDialogue } from '../../dialogue/engine.ts';
import { closest } from '../../scenario/issues.ts';
import { EXIT, langOf, parseCommandArgs, UsageError, type Io } from '../io.ts';
import { libraryOrReport } from './shared.ts';
import { LLM_HELP, LLM_OPTIONS, llmSessionFor } from '../llm-options.ts';

export const practiceCommand = {
  help: `Usage: dojo practice [SCENARIO] [--seed N] [--llm [--model M]] [--lang zh|en]

Practise in the terminal: pick a scenario (or name one), read the angry customer's words, type
your replies and watch the anger meter. Tab shows a hint, Esc ends the session, and the report
shows your scores, the steps you took, any red flags in your own words, and a model answer beside
your replies. Needs a terminal; for scripts use 'dojo play SCENARIO --replies FILE'.

${LLM_HELP}`,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { seed: { type: 'string' }, ...LLM_OPTIONS });
    const lang = langOf(values.lang, io.env);
    const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
    if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, not '${values.seed}'`);
    const llm = llmSessionFor(values, io, lang);
    if (!io.interactive) {
      io.err("dojo practice needs a terminal. For scripts and CI use 'dojo play SCENARIO --replies FILE'.\n");
      return EXIT.usage;
    }
    const library = libraryOrReport(io, lang);
    if (!library) return EXIT.bad;
    const scenarios = [...library.scenarios.values()].map((e) => e.scenario).filter((s) => s.endings !== undefined);
    const id = positionals[0];
    const initial = id === undefined ? undefined : scenarios.find((s) => s.id === id);
    if (id !== undefined && !initial) {
      const suggestion = closest(id, scenarios.map((s) => s.id));
      throw new UsageError(`unknown scenario '${id}'${suggestion ? `, did you mean '${suggestion}'?` : ''}`);
    }
    // A terminal is attached, so ink must draw interactively even when the environment says CI
    // (ink reads this once, when it loads).
    process.env.CI = '0';
    const { runPractice } = await import('../practice/run.tsx');
    // Practice feeds the quiz: questions on the session's red flags and missed steps come first.
    const onEnd = (report: ScoreReport) => {
      try {
        recordPracticeInQuiz(report, io.env, library.rubric, Date.now());
      } catch {
        // The quiz link is a convenience: a full disk or a read-only data folder must not end practice.
      }
    };
    await runPractice({ dialogue: createDialogue(library.rubric, scenarios), rubric: library.rubric, scenarios, initial, lang, seed, onEnd, ...(llm ? { llm: llm.session } : {}) });
    return EXIT.ok;
  },
};
