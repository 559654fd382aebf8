import { loadLibrary, type LoadedLibrary } from '../../node/library.ts';
import { formatIssue } from '../../scenario/issues.ts';
import type { CompiledRubric } from '../../rubric/compile.ts';
import type { Io } from '../io.ts';
import type { Lang } from '../render-report.ts';

/**
 * The shipped library with a rubric that loaded. When the rubric itself is broken nothing can be
 * scored: print its problems and return undefined (exit 1).
 */
export function libraryOrReport(io: Io, lang: Lang): (LoadedLibrary & { rubric: CompiledRubric }) | undefined {
  const library = loadLibrary();
  if (!library.rubric) {
    for (const issue of library.issues) io.err(`${formatIssue(issue, lang)}\n`);
    io.err(lang === 'zh' ? '评分规则无法加载,请先修正以上问题。\n' : 'The rubric failed to load; fix the problems above first.\n');
    return undefined;
  }
  return library as LoadedLibrary & { rubric: CompiledRubric };
}
