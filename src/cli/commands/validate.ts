import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultScenarioDir, displayPath, isIssue, loadRubric, readSource, yamlFilesUnder } from '../../node/library.ts';
import { formatIssue, renderIssue, type Issue } from '../../scenario/issues.ts';
import { playabilityCheck } from '../../dialogue/playable.ts';
import { compileRubric } from '../../rubric/compile.ts';
import { checkLibrary, checkRubric, checkScenario, type SourceFile } from '../../scenario/validate.ts';
import { EXIT, langOf, parseCommandArgs, type Io } from '../io.ts';

export const validateCommand = {
  help: `Usage: dojo validate [PATH...] [--json] [--lang zh|en]

Check scenario files and rubric files (default: scenarios/). PATH may be a file or a folder;
files under a 'rubric' folder are checked as rubric data. Every problem is printed as
  file:line:col code message
and every file is checked even when others are broken. Exit 1 on any error.
`,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
    const lang = langOf(values.lang, io.env);
    const local = resolve('scenarios');
    const targets = positionals.length > 0 ? positionals : [existsSync(local) ? local : defaultScenarioDir()];

    const scenarioFiles: string[] = [];
    const rubricFiles: string[] = [];
    const issues: Issue[] = [];
    for (const t of targets) {
      const path = resolve(t);
      if (!existsSync(path)) {
        issues.push({ file: displayPath(path), line: 1, col: 1, severity: 'error', code: 'file_unreadable', path: '', params: { reason: 'no such file or folder' } });
      } else if (statSync(path).isDirectory()) {
        const found = yamlFilesUnder(path);
        if (found.scenarios.length + found.rubric.length === 0) {
          issues.push({ file: displayPath(path), line: 1, col: 1, severity: 'error', code: 'no_files', path: '', params: {} });
        }
        scenarioFiles.push(...found.scenarios);
        rubricFiles.push(...found.rubric);
      } else if (/[\\/]rubric[\\/][^\\/]+$/.test(path)) rubricFiles.push(path);
      else scenarioFiles.push(path);
    }

    const read = (files: string[]) => files.map((f) => readSource(f));
    const rubricRead = read(rubricFiles);
    const rubricSources = rubricRead.filter((r): r is SourceFile => !isIssue(r));
    issues.push(...rubricRead.filter(isIssue));
    // Scenarios are cross-checked against the rubric being validated, or the shipped one.
    const checkedRubric = rubricSources.length > 0 ? checkRubric(rubricSources) : undefined;
    if (checkedRubric) issues.push(...checkedRubric.issues);
    const rubric = checkedRubric ? (checkedRubric.data ? compileRubric(checkedRubric.data) : undefined) : loadRubric().rubric;
    const rubricData = rubric?.data;
    const deep = rubric ? playabilityCheck(rubric) : undefined;

    const scenarioRead = read(scenarioFiles);
    issues.push(...scenarioRead.filter(isIssue));
    const sources = scenarioRead.filter((r): r is SourceFile => !isIssue(r));
    const checked = sources.map((s) => checkScenario(s, rubricData, deep));
    issues.push(...checked.flatMap((c) => c.issues), ...checkLibrary(checked, sources));

    const files = [...rubricRead, ...scenarioRead].map((r) => r.file);
    const errors = issues.filter((i) => i.severity === 'error');
    if (values.json) {
      const report = files.map((file) => ({
        file,
        ok: !errors.some((i) => i.file === file),
        issues: issues.filter((i) => i.file === file).map((i) => ({ ...i, message: renderIssue(i, lang) })),
      }));
      io.out(`${JSON.stringify({ ok: errors.length === 0, files: report }, null, 2)}\n`);
    } else {
      for (const i of issues) io.out(`${formatIssue(i, lang)}\n`);
      const okFiles = files.filter((f) => !errors.some((i) => i.file === f));
      const summary =
        lang === 'zh'
          ? `${files.length} 个文件,${okFiles.length} 个通过,${errors.length} 个错误。`
          : `${files.length} file${files.length === 1 ? '' : 's'}, ${okFiles.length} valid, ${errors.length} error${errors.length === 1 ? '' : 's'}.`;
      (errors.length > 0 ? io.err : io.out)(`${summary}\n`);
    }
    return errors.length > 0 ? EXIT.bad : EXIT.ok;
  },
};
