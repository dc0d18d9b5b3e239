import { confusionFromValidated } from './confusion-matrix';
import { f1Score } from './f1-score';
import { precision } from './precision';
import { recall } from './recall';
import { validateLabelsAndScores, validateThreshold } from './validate-inputs';

/** Operating characteristics of the classifier at one threshold. */
export interface ThresholdRow {
  /** Rows with score >= threshold are predicted positive. */
  readonly threshold: number;
  /** See {@link precision} (0 when nothing is predicted positive). */
  readonly precision: number;
  /** See {@link recall}. */
  readonly recall: number;
  /** See {@link f1Score}. */
  readonly f1: number;
  /** Fraction of all rows predicted positive: how many matches would be proposed. */
  readonly positiveRate: number;
}

/**
 * The table's default thresholds, 0.1 … 0.9. Written as `i / 10` rather than
 * `0.1 * i`, so 0.3 is the double nearest 3/10, not 0.30000000000000004.
 */
export const DEFAULT_TABLE_THRESHOLDS: readonly number[] = Object.freeze(
  Array.from({ length: 9 }, (_, i) => (i + 1) / 10),
);

/**
 * Precision, recall, F1 and positive rate at each threshold, for choosing an
 * operating point. Each row is computed as {@link confusionMatrix} at that
 * threshold, so it matches scikit-learn's `precision_score` / `recall_score` /
 * `f1_score` on `scores >= threshold` with the default zero-division value 0.
 *
 * O(n · thresholds), which for the 9 default thresholds is cheaper than a sort.
 *
 * @param labels - 0/1 ground truth
 * @param scores - finite scores of the positive class
 * @param thresholds - thresholds to evaluate, each finite; rows come out in the same order; defaults to {@link DEFAULT_TABLE_THRESHOLDS}
 * @throws {@link MetricInputError} on bad labels or scores, or a non-finite threshold
 */
export function thresholdTable(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  thresholds: readonly number[] = DEFAULT_TABLE_THRESHOLDS,
): ThresholdRow[] {
  validateLabelsAndScores('thresholdTable', labels, scores);
  for (const threshold of thresholds) validateThreshold('thresholdTable', threshold);
  return thresholds.map((threshold) => {
    const confusion = confusionFromValidated(labels, scores, threshold);
    return {
      threshold,
      precision: precision(confusion),
      recall: recall(confusion),
      f1: f1Score(confusion),
      positiveRate: (confusion.tp + confusion.fp) / labels.length,
    };
  });
}
