import { createDialogue, type Dialogue } from '../../src/dialogue/engine.ts';
import { compileRubric, type CompiledRubric } from '../../src/rubric/compile.ts';
import type { Issue } from '../../src/scenario/issues.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { checkLibrary, checkRubric, checkScenario, type SourceFile } from '../../src/scenario/validate.ts';
import { foldChars } from '../../src/text/normalize.ts';

/** The built-in library, bundled as text so the page needs no server (and hot-reloads in dev). */
const rubricTexts = import.meta.glob('../../scenarios/rubric/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const scenarioTexts = import.meta.glob('../../scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

const sources = (texts: Record<string, string>): SourceFile[] =>
  Object.keys(texts)
    .sort()
    .map((path) => ({ file: path.replace(/^(\.\.\/)+/, ''), text: texts[path]! }));

export interface WebLibrary {
  readonly rubric?: CompiledRubric;
  readonly scenarios: readonly Scenario[];
  readonly dialogue?: Dialogue;
  /** Problems found while loading: a broken scenario is listed here and left out, the rest load. */
  readonly issues: readonly Issue[];
  /** Case, width and Traditional/Simplified folding, as the scorer sees text (for search). */
  readonly fold: (text: string) => string;
}

const fold = (text: string) => foldChars(text).chars.join('');

export interface CustomLibrary extends WebLibrary {
  /** Ids of the scenarios written in the browser. */
  readonly custom: ReadonlySet<string>;
  /** Custom file name → the id of the scenario it defines (valid files only). */
  readonly idOfFile: ReadonlyMap<string, string>;
}

/** Where a custom file's problems point: `browser:<name>` (it lives in the browser, not on disk). */
export const customSourceName = (name: string) => `browser:${name}`;

/**
 * The library plus the scenarios written in the browser. Each custom file is checked like a
 * shipped one; a broken file, or one whose id a shipped scenario already uses, is reported in
 * `issues` and left out, and never affects the others.
 */
export function withCustomScenarios(base: WebLibrary, files: readonly { name: string; text: string }[]): CustomLibrary {
  if (!base.rubric) return { ...base, custom: new Set(), idOfFile: new Map() };
  const sources = files.map((f) => ({ file: customSourceName(f.name), text: f.text }));
  const checked = sources.map((s) => checkScenario(s, base.rubric!.data));
  const builtIn = new Set(base.scenarios.map((s) => s.id));
  const issues: Issue[] = checked.flatMap((c) => c.issues);
  const custom = new Set<string>();
  const idOfFile = new Map<string, string>();
  const scenarios = [...base.scenarios];
  checked.forEach((c, i) => {
    const s = c.scenario;
    if (!s) return;
    if (builtIn.has(s.id) || custom.has(s.id)) {
      const line = sources[i]!.text.split('\n').findIndex((l) => /^id\s*:/.test(l)) + 1 || 1;
      issues.push({ file: sources[i]!.file, line, col: 1, severity: 'error', code: 'duplicate_id', path: 'id', params: { id: s.id, first: builtIn.has(s.id) ? 'the built-in library' : 'another custom file' } });
      return;
    }
    if (!s.endings) return; // reported as a warning by the check; cannot be practised
    custom.add(s.id);
    idOfFile.set(files[i]!.name, s.id);
    scenarios.push(s);
  });
  return { ...base, scenarios, dialogue: createDialogue(base.rubric, scenarios), issues: [...base.issues, ...issues], custom, idOfFile };
}

/**
 * Load the rubric and scenarios from YAML texts. The built-in files were checked in depth by the
 * test suite; here the page checks shape and references again so a bad edit in dev shows up
 * as a message, never as a blank page.
 */
export function loadWebLibrary(rubricSources = sources(rubricTexts), scenarioSources = sources(scenarioTexts)): WebLibrary {
  const checkedRubric = checkRubric(rubricSources);
  if (!checkedRubric.data || checkedRubric.issues.some((i) => i.severity === 'error')) {
    return { scenarios: [], issues: checkedRubric.issues, fold };
  }
  const rubric = compileRubric(checkedRubric.data);
  const checked = scenarioSources.map((s) => checkScenario(s, checkedRubric.data));
  const dupes = checkLibrary(checked, scenarioSources);
  const seen = new Set<string>();
  const scenarios: Scenario[] = [];
  for (const c of checked) {
    if (c.scenario?.endings && !seen.has(c.scenario.id)) {
      seen.add(c.scenario.id);
      scenarios.push(c.scenario);
    }
  }
  return {
    rubric,
    scenarios,
    dialogue: createDialogue(rubric, scenarios),
    issues: [...checkedRubric.issues, ...checked.flatMap((c) => c.issues), ...dupes],
    fold,
  };
}
