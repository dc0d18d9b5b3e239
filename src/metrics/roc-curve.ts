import { countsFromValidated, type ThresholdCounts } from './threshold-counts';
import { validateLabelsAndScores } from './validate-inputs';

/**
 * Points of the ROC curve, as parallel arrays in scikit-learn's layout.
 *
 * Not strictly JSON-safe, on purpose, to stay identical to scikit-learn:
 * `thresholds[0]` is `Infinity`, and a class missing from the labels makes its
 * rate `NaN`; `JSON.stringify` writes both as `null`.
 */
export interface RocCurve {
  /** False-positive rate at each threshold, from 0 up to 1 (all `NaN` without negatives). */
  readonly fpr: number[];
  /** True-positive rate at each threshold, from 0 up to 1 (all `NaN` without positives). */
  readonly tpr: number[];
  /** Decreasing: `Infinity` (the "predict nothing" point), then every distinct score. */
  readonly thresholds: number[];
}

/**
 * ROC curve like scikit-learn's `roc_curve(..., drop_intermediate=False)`:
 * one point per distinct score plus the origin, for plotting.
 *
 * @param labels - 0/1 ground truth
 * @param scores - finite scores of the positive class
 * @throws {@link MetricInputError} on mismatched lengths, empty input, non-0/1 labels or non-finite scores
 */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): RocCurve {
  validateLabelsAndScores('rocCurve', labels, scores);
  return rocCurveFromCounts(countsFromValidated(labels, scores));
}

/** {@link rocCurve} from precomputed threshold counts. */
export function rocCurveFromCounts(counts: ThresholdCounts): RocCurve {
  const { thresholds, tps, fps, positives, negatives } = counts;
  const size = thresholds.length + 1;
  const fpr = new Array<number>(size);
  const tpr = new Array<number>(size);
  const cuts = new Array<number>(size);
  fpr[0] = negatives === 0 ? NaN : 0;
  tpr[0] = positives === 0 ? NaN : 0;
  cuts[0] = Infinity;
  for (let k = 0; k < thresholds.length; k++) {
    // x / 0 would give Infinity or NaN depending on x; scikit-learn fills the
    // whole undefined axis with NaN, and so do we.
    fpr[k + 1] = negatives === 0 ? NaN : fps[k]! / negatives;
    tpr[k + 1] = positives === 0 ? NaN : tps[k]! / positives;
    cuts[k + 1] = thresholds[k]!;
  }
  return { fpr, tpr, thresholds: cuts };
}
