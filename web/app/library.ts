import { createDialogue, type Dialogue } from '../../src/dialogue/engine.ts';
import { compileRubric, type CompiledRubric } from '../../src/rubric/compile.ts';
import type { Issue } from '../../src/scenario/issues.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { checkLibrary, checkRubric, checkScenario, type CheckedScenario, type SourceFile } from '../../src/scenario/validate.ts';
import { foldText } from '../../src/text/normalize.ts';

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
  /** Every scenario file as checked (ids and where they are written, for duplicate checks). */
  readonly checked: readonly CheckedScenario[];
  /** Case, width and Traditional/Simplified folding, as the scorer sees text (for search). */
  readonly fold: (text: string) => string;
}


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
  const checked = files.map((f) => checkScenario({ file: customSourceName(f.name), text: f.text }, base.rubric!.data));
  // Shipped files come first, so an id clash is always reported on the custom file.
  const customFiles = new Set(checked.map((c) => c.file));
  const dupes = checkLibrary([...base.checked, ...checked]).filter((d) => customFiles.has(d.file));
  const clashing = new Set(dupes.map((d) => d.file));
  const custom = new Set<string>();
  const idOfFile = new Map<string, string>();
  const scenarios = [...base.scenarios];
  checked.forEach((c, i) => {
    // Without endings the check has warned: the scenario can be scored but not practised.
    if (!c.scenario?.endings || clashing.has(c.file)) return;
    custom.add(c.scenario.id);
    idOfFile.set(files[i]!.name, c.scenario.id);
    scenarios.push(c.scenario);
  });
  return {
    ...base,
    scenarios,
    dialogue: createDialogue(base.rubric, scenarios),
    issues: [...base.issues, ...checked.flatMap((c) => c.issues), ...dupes],
    checked: [...base.checked, ...checked],
    custom,
    idOfFile,
  };
}

/**
 * Load the rubric and scenarios from YAML texts. The built-in files were checked in depth by the
 * test suite; here the page checks shape and references again so a bad edit in dev shows up
 * as a message, never as a blank page.
 */
export function loadWebLibrary(rubricSources = sources(rubricTexts), scenarioSources = sources(scenarioTexts)): WebLibrary {
  const checkedRubric = checkRubric(rubricSources);
  if (!checkedRubric.data || checkedRubric.issues.some((i) => i.severity === 'error')) {
    return { scenarios: [], issues: checkedRubric.issues, checked: [], fold: foldText };
  }
  const rubric = compileRubric(checkedRubric.data);
  const checked = scenarioSources.map((s) => checkScenario(s, checkedRubric.data));
  const dupes = checkLibrary(checked);
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
    checked,
    fold: foldText,
  };
}
