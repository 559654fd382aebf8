import { localize } from '../../scenario/schema.ts';
import { formatIssue } from '../../scenario/issues.ts';
import { displayWidth, padEnd } from '../../text/width.ts';
import { EXIT, langOf, parseCommandArgs, type Io } from '../io.ts';
import { libraryOrReport } from './shared.ts';

export const listCommand = {
  help: `Usage: dojo list [--json] [--lang zh|en]

List the scenario library: id, title, customer motive, difficulty and languages.
Broken scenario files are reported on stderr; the rest are still listed.
`,
  async run(args: string[], io: Io): Promise<number> {
    const { values } = parseCommandArgs(args, { json: { type: 'boolean' } });
    const lang = langOf(values.lang, io.env);
    const library = libraryOrReport(io, lang);
    if (!library) return EXIT.bad;
    for (const issue of library.issues) io.err(`${formatIssue(issue, lang)}\n`);
    const entries = [...library.scenarios.values()].map(({ scenario: s, file }) => ({
      id: s.id,
      title: { zh: localize(s.title, 'zh'), en: localize(s.title, 'en') },
      summary: { zh: localize(s.summary, 'zh'), en: localize(s.summary, 'en') },
      motive: s.customer.motive,
      difficulty: s.difficulty,
      channel: s.setting.channel,
      file,
    }));
    if (values.json) {
      io.out(`${JSON.stringify(entries, null, 2)}\n`);
    } else {
      const idWidth = Math.max(2, ...entries.map((e) => e.id.length));
      const titleWidth = Math.max(...entries.map((e) => displayWidth(e.title[lang])));
      for (const e of entries) {
        io.out(`${padEnd(e.id, idWidth)}  ${padEnd(e.title[lang], titleWidth)}  ${padEnd(e.motive, 12)}  ${'★'.repeat(e.difficulty)}\n`);
      }
    }
    return library.issues.length > 0 ? EXIT.bad : EXIT.ok;
  },
};
