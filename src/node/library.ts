import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { playabilityCheck } from '../dialogue/playable.ts';
import { sha256 } from './check-cache.ts';
import { compileRubric, type CompiledRubric } from '../rubric/compile.ts';
import type { Issue } from '../scenario/issues.ts';
import type { Scenario } from '../scenario/schema.ts';
import { checkLibrary, checkRubric, checkScenario, type CheckedScenario, type SourceFile } from '../scenario/validate.ts';
import { YAML_LIMITS } from '../scenario/yaml.ts';

/** The scenarios folder shipped with the package (overridable with DOJO_SCENARIOS). */
export function defaultScenarioDir(): string {
  return process.env.DOJO_SCENARIOS ?? fileURLToPath(new URL('../../scenarios', import.meta.url));
}

/** Transcript and replies files may hold very long replies (they are cut with a notice when scored). */
export const TRANSCRIPT_MAX_BYTES = 8 * 1024 * 1024;

/** Paths are shown relative to the working directory, as editors expect. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel || '.';
}

function fileIssue(file: string, code: Issue['code'], params: Record<string, string | number>): Issue {
  return { file, line: 1, col: 1, severity: 'error', code, path: '', params };
}

/**
 * Read a text file for the loaders, refusing what would hurt: too large (checked before reading),
 * unreadable, or not UTF-8. Returns the text or an issue, never throws.
 */
export function readSource(path: string, maxBytes: number = YAML_LIMITS.maxBytes): SourceFile | Issue {
  const file = displayPath(path);
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return fileIssue(file, 'file_unreadable', { reason: 'it is a folder, not a file' });
    const size = stat.size;
    if (size > maxBytes) return fileIssue(file, 'file_too_large', { size, limit: maxBytes });
    const bytes = readFileSync(path);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { file, text: text.replace(/^\uFEFF/, '') };
  } catch (e) {
    if (e instanceof TypeError) return fileIssue(file, 'not_text', {});
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    return fileIssue(file, 'file_unreadable', { reason });
  }
}

export const isIssue = (x: SourceFile | Issue): x is Issue => 'code' in x;

/** YAML files under `dir`, sorted, recursively; `rubric/` folders are kept apart and `quiz/` (the question bank) is skipped. */
export function yamlFilesUnder(dir: string): { scenarios: string[]; rubric: string[] } {
  const scenarios: string[] = [];
  const rubric: string[] = [];
  const walk = (d: string, inRubric: boolean) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'node_modules' && name !== 'quiz' && !name.startsWith('.')) walk(p, inRubric || name === 'rubric');
      } else if (/\.ya?ml$/i.test(name)) {
        (inRubric ? rubric : scenarios).push(p);
      }
    }
  };
  walk(dir, basename(dir) === 'rubric');
  return { scenarios, rubric };
}

export interface LoadedRubric {
  rubric?: CompiledRubric;
  issues: Issue[];
}

/** Read, check and compile rubric files; the rubric exists only when they have no problem at all. */
function rubricFromFiles(files: readonly string[]): LoadedRubric & { files: string[] } {
  const read = files.map((f) => readSource(f));
  const sources = read.filter((r): r is SourceFile => !isIssue(r));
  const checked = checkRubric(sources);
  const issues = [...read.filter(isIssue), ...checked.issues];
  const rubric = checked.data && issues.length === 0 ? compileRubric(checked.data) : undefined;
  return { rubric, issues, files: read.map((r) => r.file) };
}

/** Load and compile the rubric from `dir/rubric/*.yaml`. */
export function loadRubric(dir: string = defaultScenarioDir()): LoadedRubric {
  const { rubric, issues } = rubricFromFiles(yamlFilesUnder(resolve(dir, 'rubric')).rubric);
  return rubric ? { rubric, issues } : { issues };
}

export interface CheckedFiles {
  rubric?: CompiledRubric;
  /** Every file looked at, as displayed in issues: rubric files first, then scenarios. */
  files: string[];
  checked: CheckedScenario[];
  issues: Issue[];
}

/**
 * The one path from files on disk to checked scenarios, shared by `loadLibrary` and
 * `dojo validate`: read each file (a broken one is reported, never fatal), check the rubric files
 * given — or, when none are, use `fallbackRubric` without reporting on it — then check every
 * scenario against that rubric, play and score its model answers, and compare ids across files.
 * `checkFilesInParallel` does the same on worker threads.
 */
export function checkFiles(scenarioFiles: readonly string[], rubricFiles: readonly string[], fallbackRubric: () => LoadedRubric = () => loadRubric()): CheckedFiles {
  const { own, rubric } = rubricFor(rubricFiles, fallbackRubric);
  const check = scenarioFileChecker(rubric);
  return assembleChecks(own, rubric, scenarioFiles.map(check));
}

/** The rubric scenarios are checked against: the files given, checked, or else the fallback. */
export function rubricFor(rubricFiles: readonly string[], fallbackRubric: () => LoadedRubric) {
  const own = rubricFiles.length > 0 ? rubricFromFiles(rubricFiles) : undefined;
  return { own, rubric: own ? own.rubric : fallbackRubric().rubric };
}

/**
 * Read and check one scenario file against `rubric`: its checked form, or why it could not be
 * read. With `keepScenario: false` the result carries the scenario's id but not the scenario (nor,
 * through it, its compiled patterns), so checking a thousand files holds only their reports, and
 * the hash of the text it checked.
 */
export function scenarioFileChecker(rubric: CompiledRubric | undefined, { keepScenario = true } = {}): (path: string) => CheckedScenario | Issue {
  const deep = rubric ? playabilityCheck(rubric) : undefined;
  return (path) => {
    const source = readSource(path);
    if (isIssue(source)) return source;
    const checked = checkScenario(source, rubric?.data, deep);
    if (keepScenario) return checked;
    const { scenario: _dropped, ...report } = checked;
    // The hash of the text checked, so `dojo validate --cache` files the report under exactly it.
    return { ...report, sourceHash: sha256(source.text) };
  };
}

/** Put per-file results (in file order) together: every issue in report order, ids compared across files. */
export function assembleChecks(own: { files: string[]; issues: Issue[] } | undefined, rubric: CompiledRubric | undefined, results: readonly (CheckedScenario | Issue)[]): CheckedFiles {
  const failed = results.filter(isCheckIssue);
  const checked = results.filter((r): r is CheckedScenario => !isCheckIssue(r));
  return {
    rubric,
    files: [...(own?.files ?? []), ...results.map((r) => r.file)],
    checked,
    issues: [...(own?.issues ?? []), ...failed, ...checked.flatMap((c) => c.issues), ...checkLibrary(checked)],
  };
}

/** Is this per-file result a file that could not be read (an issue), rather than a checked scenario? */
export const isCheckIssue = (r: Omit<CheckedScenario, 'scenario'> | Issue): r is Issue => 'code' in r;

export interface LoadedLibrary {
  rubric?: CompiledRubric;
  scenarios: Map<string, { scenario: Scenario; file: string }>;
  checked: CheckedScenario[];
  issues: Issue[];
}

/**
 * Load a scenario library: the rubric, then every scenario file. A broken file is reported and
 * skipped; the others still load.
 */
export function loadLibrary(dir: string = defaultScenarioDir(), extraFiles: string[] = []): LoadedLibrary {
  const found = yamlFilesUnder(dir);
  // The rubric always comes from dir/rubric; with no such files it is reported missing.
  const rubricFiles = yamlFilesUnder(resolve(dir, 'rubric')).rubric;
  const none = rubricFiles.length === 0 ? rubricFromFiles([]) : undefined;
  const result = checkFiles([...found.scenarios, ...extraFiles], rubricFiles, () => none!);
  const scenarios = new Map<string, { scenario: Scenario; file: string }>();
  for (const c of result.checked) {
    if (c.scenario && !scenarios.has(c.scenario.id)) scenarios.set(c.scenario.id, { scenario: c.scenario, file: c.file });
  }
  return { rubric: result.rubric, scenarios, checked: result.checked, issues: [...(none?.issues ?? []), ...result.issues] };
}
