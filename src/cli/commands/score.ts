import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isIssue, readSource, TRANSCRIPT_MAX_BYTES } from '../../node/library.ts';
import { createScorer } from '../../rubric/score.ts';
import { closest, formatIssue, type Issue } from '../../scenario/issues.ts';
import { localize, Transcript, type Scenario } from '../../scenario/schema.ts';
import { checkScenario } from '../../scenario/validate.ts';
import { parseYaml } from '../../scenario/yaml.ts';
import { EXIT, langOf, parseCommandArgs, UsageError, type Io } from '../io.ts';
import { renderReport } from '../render-report.ts';
import { libraryOrReport } from './shared.ts';


export const scoreCommand = {
  help: `Usage: dojo score FILE... [--scenario ID|PATH] [--json] [--lang zh|en]

Score each transcript FILE (YAML or JSON):
  { scenario?: <id>, locale?: zh|en, turns: [ {customer: text} | {agent: text}, ... ] }

  --scenario ID|PATH  score against this scenario (a library id or a .yaml file);
                      otherwise the transcript's own 'scenario', else the generic rubric
  --json              print one JSON array of reports, in argument order, each with its 'file'

Exit 1 if any file could not be scored (the others are still scored).
`,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { scenario: { type: 'string' }, json: { type: 'boolean' } });
    const lang = langOf(values.lang, io.env);
    if (positionals.length === 0) throw new UsageError('give at least one transcript file');
    const library = libraryOrReport(io, lang);
    if (!library) return EXIT.bad;
    const scorer = createScorer(library.rubric);

    // Resolve a scenario by id or path; problems are reported as issues.
    const scenarioFor = (ref: string, file: string): Scenario | Issue[] => {
      if (/[\\/]|\.ya?ml$/i.test(ref) && existsSync(resolve(ref))) {
        const src = readSource(resolve(ref));
        if (isIssue(src)) return [src];
        const checked = checkScenario(src, library.rubric.data);
        return checked.scenario ?? checked.issues;
      }
      const found = library.scenarios.get(ref);
      if (found) return found.scenario;
      const suggestion = closest(ref, [...library.scenarios.keys()]);
      return [{ file, line: 1, col: 1, severity: 'error', code: 'unknown_scenario', path: 'scenario', params: { id: ref, suggestion } }];
    };

    const results: object[] = [];
    let failed = false;
    for (const path of positionals) {
      const fail = (issues: Issue[]) => {
        failed = true;
        if (values.json) results.push({ file: path, errors: issues.map((i) => ({ ...i, message: formatIssue(i, lang) })) });
        else for (const i of issues) io.err(`${formatIssue(i, lang)}\n`);
      };
      const src = readSource(resolve(path), TRANSCRIPT_MAX_BYTES);
      if (isIssue(src)) {
        fail([src]);
        continue;
      }
      const parsed = parseYaml(src.text, src.file, Transcript, TRANSCRIPT_MAX_BYTES);
      if (!parsed.value) {
        fail(parsed.issues);
        continue;
      }
      const ref = values.scenario ?? parsed.value.scenario;
      let scenario: Scenario | undefined;
      if (ref !== undefined) {
        const found = scenarioFor(ref, src.file);
        if (Array.isArray(found)) {
          fail(found);
          continue;
        }
        scenario = found;
      }
      const report = scorer.scoreTranscript(parsed.value, scenario);
      if (values.json) results.push({ file: path, ...report });
      else {
        const title = scenario ? `${path} — ${localize(scenario.title, report.locale)}` : path;
        io.out(`${renderReport(report, library.rubric, title)}\n\n`);
      }
    }
    if (values.json) io.out(`${JSON.stringify(results, null, 2)}\n`);
    return failed ? EXIT.bad : EXIT.ok;
  },
};
