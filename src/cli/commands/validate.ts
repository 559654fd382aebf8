import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultScenarioDir, displayPath, yamlFilesUnder } from '../../node/library.ts';
import { defaultCacheDir } from '../../node/check-cache.ts';
import { checkFilesInParallel, PARALLEL_MIN_FILES } from '../../node/parallel-check.ts';
import { formatIssue, renderIssue, type Issue } from '../../scenario/issues.ts';
import { EXIT, langOf, parseCommandArgs, UsageError, type Io } from '../io.ts';

export const validateCommand = {
  help: `Usage: dojo validate [PATH...] [--json] [--jobs N] [--cache] [--cache-dir DIR] [--lang zh|en]

Check scenario files and rubric files (default: scenarios/). PATH may be a file or a folder;
files under a 'rubric' folder are checked as rubric data. Every problem is printed as
  file:line:col [warning] code message
and every file is checked even when others are broken. Besides shape and references, each
scenario's beats and endings are checked for conditions that can never hold, and its model
answers are played (each must reach 'resolved') and scored (warning below 80, and for key
points no model answer makes).

--json prints { ok, errors, warnings, files: [{ file, ok, issues: [{ severity, code, line,
col, path, message, params }] }] } for editors and CI.

--jobs N checks on N threads in all (default: one per CPU, at most 8). Worker threads are
only started for ${PARALLEL_MIN_FILES} files or more; the report is the same either way.

--cache remembers each file's report between runs, so only files that changed (or whose
rubric or dojo version changed) are checked again; the report is the same. For large
libraries and CI. Kept in --cache-dir DIR (default node_modules/.cache/complaint-dojo).

Exit 0 when there are no errors (warnings allowed), 1 on any error, 2 on a usage error.
`,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, jobs: { type: 'string' }, cache: { type: 'boolean' }, 'cache-dir': { type: 'string' } });
    const lang = langOf(values.lang, io.env);
    const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
    if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 64)) {
      throw new UsageError(`--jobs must be a whole number from 1 to 64, not '${values.jobs}'`);
    }
    if (values['cache-dir'] !== undefined && !values.cache) throw new UsageError('--cache-dir needs --cache');
    if (values['cache-dir'] !== undefined && values['cache-dir'].trim() === '') throw new UsageError('--cache-dir needs a folder');
    const cacheDir = values.cache ? resolve(values['cache-dir'] ?? defaultCacheDir()) : undefined;
    const local = resolve('scenarios');
    const targets = positionals.length > 0 ? positionals : [existsSync(local) ? local : defaultScenarioDir()];

    const scenarioFiles: string[] = [];
    const rubricFiles: string[] = [];
    const pathIssues: Issue[] = [];
    const pathIssue = (path: string, code: Issue['code'], params: Record<string, string | number>) =>
      pathIssues.push({ file: displayPath(path), line: 1, col: 1, severity: 'error', code, path: '', params });
    for (const t of targets) {
      const path = resolve(t);
      if (!existsSync(path)) {
        pathIssue(path, 'file_unreadable', { reason: 'no such file or folder' });
      } else if (statSync(path).isDirectory()) {
        const found = yamlFilesUnder(path);
        if (found.scenarios.length + found.rubric.length === 0) pathIssue(path, 'no_files', {});
        scenarioFiles.push(...found.scenarios);
        rubricFiles.push(...found.rubric);
      } else if (/[\\/]rubric[\\/][^\\/]+$/.test(path)) rubricFiles.push(path);
      else scenarioFiles.push(path);
    }

    // Scenarios are cross-checked against the rubric being validated, or the shipped one.
    const result = await checkFilesInParallel(scenarioFiles, rubricFiles, { workers: jobs === undefined ? undefined : jobs - 1, cacheDir });
    const unsorted = [...pathIssues, ...result.issues];
    const files = [...new Set([...pathIssues.map((i) => i.file), ...result.files, ...unsorted.map((i) => i.file)])];
    // File by file in the order given, then top to bottom, as an editor's problem list reads.
    const order = new Map(files.map((f, i) => [f, i]));
    const issues = unsorted.sort((a, b) => order.get(a.file)! - order.get(b.file)! || a.line - b.line || a.col - b.col);
    const errors = issues.filter((i) => i.severity === 'error');
    const warnings = issues.length - errors.length;
    if (values.json) {
      const report = files.map((file) => ({
        file,
        ok: !errors.some((i) => i.file === file),
        issues: issues
          .filter((i) => i.file === file)
          .map((i) => ({ severity: i.severity, code: i.code, line: i.line, col: i.col, path: i.path, message: renderIssue(i, lang), params: i.params })),
      }));
      io.out(`${JSON.stringify({ ok: errors.length === 0, errors: errors.length, warnings, files: report }, null, 2)}\n`);
    } else {
      for (const i of issues) io.out(`${formatIssue(i, lang)}\n`);
      const okFiles = files.filter((f) => !errors.some((i) => i.file === f));
      const summary =
        lang === 'zh'
          ? `${files.length} 个文件,${okFiles.length} 个通过,${errors.length} 个错误,${warnings} 个警告。`
          : `${files.length} file${files.length === 1 ? '' : 's'}, ${okFiles.length} valid, ${errors.length} error${errors.length === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`;
      (errors.length > 0 ? io.err : io.out)(`${summary}\n`);
    }
    return errors.length > 0 ? EXIT.bad : EXIT.ok;
  },
};
