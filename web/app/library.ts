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
