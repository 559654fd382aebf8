import type { ScoreReport } from '../rubric/score.ts';
import { DimensionId } from '../scenario/schema.ts';
import type { JudgeVerdict } from './judge.ts';

/** Points of difference above which a dimension is marked for the trainer's attention. */
export const DIFF_THRESHOLD = 15;

export interface ScoreComparison {
  /** The five dimensions, then the total. `rules` is the official score. */
  readonly rows: readonly { id: DimensionId | 'total'; rules: number; model: number; diff: number; differs: boolean }[];
  /** Ids of the rows that differ by more than the threshold. */
  readonly differing: readonly (DimensionId | 'total')[];
}

/**
 * Put the rule engine's report and the model's verdict side by side. `diff` is model − rules;
 * a row `differs` when |diff| > threshold (15 by default). The rule engine's score stays the
 * official one: this is for reading, not for grading.
 */
export function compareScores(report: Pick<ScoreReport, 'dimensions' | 'total'>, verdict: JudgeVerdict, threshold = DIFF_THRESHOLD): ScoreComparison {
  const row = (id: DimensionId | 'total', rules: number, model: number) => {
    const diff = model - rules;
    return { id, rules, model, diff, differs: Math.abs(diff) > threshold };
  };
  const rows = [...DimensionId.options.map((id) => row(id, report.dimensions[id], verdict.dimensions[id])), row('total', report.total, verdict.total)];
  return { rows, differing: rows.filter((r) => r.differs).map((r) => r.id) };
}
