import { createScorer, type Scorer } from '../../src/rubric/score.ts';
import { loadLibrary } from '../../src/node/library.ts';
import type { Scenario, Transcript } from '../../src/scenario/schema.ts';

const library = loadLibrary();
if (!library.rubric) throw new Error(`shipped rubric failed to load: ${JSON.stringify(library.issues)}`);

export const rubric = library.rubric;
export const scorer: Scorer = createScorer(rubric);
export const scenarios = library.scenarios;

export function scenario(id: string): Scenario {
  const found = scenarios.get(id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found.scenario;
}

/** Score one agent reply after one customer line. */
export function scoreReply(reply: string, opts: { scenario?: string; customer?: string; locale?: 'zh' | 'en' } = {}) {
  const transcript: Transcript = { turns: [{ customer: opts.customer ?? '...' }, { agent: reply }] };
  if (opts.locale) transcript.locale = opts.locale;
  return scorer.scoreTranscript(transcript, opts.scenario ? scenario(opts.scenario) : undefined);
}

export const signalIds = (report: ReturnType<typeof scoreReply>) =>
  [...new Set(report.turns.flatMap((t) => t.signals.map((s) => s.id)))].sort();
export const flagIds = (report: ReturnType<typeof scoreReply>) => [...new Set(report.flags.map((f) => f.id))].sort();
