import { countsFromValidated, type ThresholdCounts } from './threshold-counts';
import { validateLabelsAndScores } from './validate-inputs';

/**
 * Points of the precision–recall curve, as parallel arrays in scikit-learn's
 * layout: `precision` and `recall` have one more entry than `thresholds`, the
 * final point (precision 1, recall 0) that has no threshold.
 */
export interface PrecisionRecallCurve {
  /** Precision at each threshold (0 where nothing is predicted positive), then 1. */
  readonly precision: number[];
  /** Recall at each threshold, non-increasing (all 1 without positives), then 0. */
  readonly recall: number[];
  /** Every distinct score, increasing. */
  readonly thresholds: number[];
}

/**
 * Precision–recall curve like scikit-learn 1.9's
 * `precision_recall_curve(..., drop_intermediate=False)`: one point per
 * distinct score in increasing order (the curve is not truncated at full
 * recall, as old scikit-learn releases did), then the point (recall 0, precision 1).
 *
 * With no positive labels, recall is set to 1 everywhere, as scikit-learn does
 * (with a warning).
 *
 * @param labels - 0/1 ground truth
 * @param scores - finite scores of the positive class
 * @throws {@link MetricInputError} on mismatched lengths, empty input, non-0/1 labels or non-finite scores
 */
export function precisionRecallCurve(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
): PrecisionRecallCurve {
  validateLabelsAndScores('precisionRecallCurve', labels, scores);
  return precisionRecallCurveFromCounts(countsFromValidated(labels, scores));
}

/** {@link precisionRecallCurve} from precomputed threshold counts. */
export function precisionRecallCurveFromCounts(counts: ThresholdCounts): PrecisionRecallCurve {
  const { thresholds, tps, fps, positives } = counts;
  const m = thresholds.length;
  const precision = new Array<number>(m + 1);
  const recall = new Array<number>(m + 1);
  const cuts = new Array<number>(m);
  // Counts are ordered by decreasing score; the curve by increasing score.
  for (let k = 0; k < m; k++) {
    const src = m - 1 - k;
    const tp = tps[src]!;
    const predicted = tp + fps[src]!;
    precision[k] = predicted === 0 ? 0 : tp / predicted;
    recall[k] = positives === 0 ? 1 : tp / positives;
    cuts[k] = thresholds[src]!;
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds: cuts };
}
