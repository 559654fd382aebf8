import { resolve } from 'node:path';
import { parse } from 'yaml';
import { createDialogue, type DialogueState } from '../../dialogue/engine.ts';
import { isIssue, readSource, TRANSCRIPT_MAX_BYTES } from '../../node/library.ts';
import { closest, formatIssue } from '../../scenario/issues.ts';
import { localize } from '../../scenario/schema.ts';
import { EXIT, langOf, parseCommandArgs, UsageError, type Io } from '../io.ts';
import { renderReport } from '../render-report.ts';
import { playWithModel } from '../../llm/play.ts';
import { LLM_HELP, LLM_OPTIONS, llmSessionFor, secondOpinionJson, secondOpinionLines } from '../llm-options.ts';
import { libraryOrReport } from './shared.ts';

/** Replies from a YAML/JSON list of strings, or a text file with one reply per line. */
export function repliesFrom(text: string): string[] {
  try {
    const data: unknown = parse(text);
    if (Array.isArray(data) && data.every((x) => typeof x === 'string')) return data.filter((x) => x.trim() !== '');
  } catch {
    // Not YAML: a plain text file.
  }
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
}

/** Customer line, trainee reply and the customer's anger at that line, turn by turn. */
export function playTurns(state: DialogueState): { customer: string; agent?: string; anger: number }[] {
  const turns: { customer: string; agent?: string; anger: number }[] = [];
  let pending: string[] = [];
  let curve = 0;
  let anger = state.angerCurve[0] ?? 0;
  for (const t of state.transcript) {
    if ('customer' in t) {
      pending.push(t.customer);
      anger = state.angerCurve[curve++] ?? anger;
    } else {
      turns.push({ customer: pending.join(' '), agent: t.agent, anger });
      pending = [];
    }
  }
  if (pending.length > 0) turns.push({ customer: pending.join(' '), anger });
  return turns;
}

export const playCommand = {
  help: `Usage: dojo play SCENARIO --replies FILE [--seed N] [--json] [--llm [--model M]] [--lang zh|en]

Play a whole conversation without a terminal UI: the trainee's replies come from FILE (a YAML or
JSON list of strings, or a text file with one reply per line). The customer reacts by the rules,
so the same replies and seed always give the same conversation.

  --seed N   choose the customer's wording variants (default 1)
  --json     print { scenario, outcome, turns: [{ customer, agent, anger }], report }
             (with --llm also llm: { model, host, lines, notices, second_opinion })
${LLM_HELP}
The outcome is resolved, escalated, timeout, or unfinished when the replies run out first (exit 0).
`,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      replies: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
      ...LLM_OPTIONS,
    });
    const lang = langOf(values.lang, io.env);
    const id = positionals[0];
    if (!id) throw new UsageError('name the scenario to play');
    if (!values.replies) throw new UsageError('give the replies with --replies FILE');
    const seed = values.seed === undefined ? 1 : Number(values.seed);
    if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, not '${values.seed}'`);
    const llm = llmSessionFor(values, io, lang);
    const library = libraryOrReport(io, lang);
    if (!library) return EXIT.bad;
    const found = library.scenarios.get(id);
    if (!found) {
      const suggestion = closest(id, [...library.scenarios.keys()]);
      io.err(`dojo play: unknown scenario '${id}'${suggestion ? `, did you mean '${suggestion}'?` : ''} (see 'dojo list')\n`);
      return EXIT.bad;
    }
    if (!found.scenario.endings) {
      io.err(`dojo play: scenario '${id}' has no endings yet, so it cannot be played (${found.file})\n`);
      return EXIT.bad;
    }
    const src = readSource(resolve(values.replies), TRANSCRIPT_MAX_BYTES);
    if (isIssue(src)) {
      io.err(`${formatIssue(src, lang)}\n`);
      return EXIT.bad;
    }
    const replies = repliesFrom(src.text);

    const dialogue = createDialogue(library.rubric, [found.scenario]);
    let { state } = dialogue.startSession(found.scenario, { seed, now: 0, lang });
    if (llm) {
      state = await playWithModel({ dialogue, scenario: found.scenario, session: llm.session, replies, seed, lang });
    } else {
      for (const reply of replies) {
        if (state.outcome !== 'ongoing') break;
        state = dialogue.step(state, reply).state;
      }
    }
    const outcome = state.outcome === 'ongoing' ? 'unfinished' : state.outcome;
    const report = dialogue.report(state);
    // The rule report is official; the model's verdict only sits beside it.
    const opinion = llm ? await llm.session.secondOpinion({ dimensions: library.rubric.data.dimensions, scenario: found.scenario, state, report }) : undefined;
    if (values.json) {
      const extra = llm && opinion
        ? { llm: { model: llm.config.model, host: llm.config.host, lines: llm.session.lines(), notices: llm.session.notices(), second_opinion: secondOpinionJson(opinion) } }
        : {};
      io.out(`${JSON.stringify({ scenario: id, outcome, seed, turns: playTurns(state), report, ...extra }, null, 2)}\n`);
      return EXIT.ok;
    }
    for (const n of llm?.session.notices() ?? []) io.err(`dojo play: ${n.message}\n`);
    const who = lang === 'zh' ? { c: '顾客', a: '你' } : { c: 'Customer', a: 'You' };
    for (const t of playTurns(state)) {
      io.out(`${who.c} [${t.anger}]: ${t.customer}\n`);
      if (t.agent !== undefined) io.out(`${who.a}: ${t.agent}\n`);
    }
    io.out(`\n${lang === 'zh' ? '结局' : 'Outcome'}: ${outcome}\n\n`);
    io.out(`${renderReport(report, library.rubric, localize(found.scenario.title, lang))}\n`);
    if (llm) io.out(`\n${secondOpinionLines(opinion, library.rubric, llm.config.model, lang).map((l) => l.text).join('\n')}\n`);
    return EXIT.ok;
  },
};
