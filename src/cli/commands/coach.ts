import { createScorer } from '../../rubric/score.ts';
import { localize, type Transcript } from '../../scenario/schema.ts';
import { EXIT, langOf, parseCommandArgs, UsageError, type Io } from '../io.ts';
import { renderReport } from '../render-report.ts';
import { catalog } from '../../text/messages.ts';
import { libraryOrReport } from './shared.ts';

const TEXT = {
  pick: { zh: '选择场景(输入编号或 id):', en: 'Pick a scenario (number or id): ' },
  you: { zh: '你的回复> ', en: 'Your reply> ' },
  intro: {
    zh: '你扮演:{role}。地点:{place}。\n每输入一句回复,立刻看到这一句的点评;输入空行或 /end 结束并查看完整报告。',
    en: 'You are: {role}. Setting: {place}.\nType a reply to see feedback on it at once; an empty line or /end finishes with the full report.',
  },
  soFar: { zh: '目前总分', en: 'Score so far' },
  customer: { zh: '顾客', en: 'Customer' },
} as const;

const t = catalog<keyof typeof TEXT>(TEXT);

export const coachCommand = {
  help: `Usage: dojo coach [SCENARIO] [--lang zh|en]

Play the trainee against a scenario's opening: read the angry customer's words, type your reply,
and see at once what the rubric heard in it (signals, red flags, advice). Finish with an empty
line or /end to get the full report. Reads replies from standard input when it is not a terminal.
(The full conversation with a customer who reacts arrives with 'dojo practice'.)
`,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {});
    const lang = langOf(values.lang, io.env);
    const library = libraryOrReport(io, lang);
    if (!library) return EXIT.bad;
    const all = [...library.scenarios.values()].map((e) => e.scenario);
    if (all.length === 0) {
      io.err(lang === 'zh' ? '场景库是空的。\n' : 'The scenario library is empty.\n');
      return EXIT.bad;
    }
    let id = positionals[0];
    if (id === undefined) {
      all.forEach((s, i) => io.out(`  ${i + 1}. ${s.id} — ${localize(s.title, lang)}\n`));
      const answer = (await io.readLine(t('pick', lang)))?.trim() ?? '';
      id = all[Number(answer) - 1]?.id ?? answer;
    }
    const scenario = library.scenarios.get(id)?.scenario;
    if (!scenario) throw new UsageError(`unknown scenario '${id}'; run 'dojo list'`);

    const scorer = createScorer(library.rubric);
    io.out(`\n${localize(scenario.title, lang)}\n${localize(scenario.summary, lang)}\n`);
    io.out(`${t('intro', lang, { role: localize(scenario.setting.role, lang), place: localize(scenario.setting.place, lang) })}\n\n`);
    const transcript: Transcript = { locale: lang, turns: [] };
    for (const line of scenario.opening) {
      const text = localize(line, lang);
      transcript.turns.push({ customer: text });
      io.out(`${t('customer', lang)}: ${text}\n`);
    }
    for (;;) {
      const reply = await io.readLine(`\n${t('you', lang)}`);
      if (reply === undefined || reply.trim() === '' || reply.trim() === '/end') break;
      transcript.turns.push({ agent: reply });
      const report = scorer.scoreTranscript(transcript, scenario);
      const turn = report.turns[report.turns.length - 1]!;
      io.out(`  ${t('soFar', lang)}: ${report.total}/100\n`);
      for (const f of turn.feedback) io.out(`  ${f.kind === 'praise' ? '+' : f.kind === 'warning' ? '!' : '~'} ${f.message}\n`);
      if (report.advice[0]) io.out(`  → ${report.advice[0]}\n`);
    }
    if (transcript.turns.some((turn) => 'agent' in turn)) {
      const report = scorer.scoreTranscript(transcript, scenario);
      io.out(`\n${renderReport(report, library.rubric, localize(scenario.title, lang))}\n`);
    }
    return EXIT.ok;
  },
};
