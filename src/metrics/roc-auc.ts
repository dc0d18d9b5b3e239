import { countsFromValidated, type ThresholdCounts } from './threshold-counts';
import { validateLabelsAndScores } from './validate-inputs';

/**
 * Area under the ROC curve, equal to scikit-learn's `roc_auc_score` (which
 * integrates the ROC curve with the trapezoid rule, so a tie between a
 * positive and a negative counts one half). This is also the normalised
 * Mann–Whitney U statistic with average ranks for ties.
 *
 * Runs in O(n log n) on typed arrays (see {@link thresholdCounts}).
 *
 * @param labels - 0/1 ground truth
 * @param scores - predicted probability (or any finite score) of the positive class
 * @returns the AUC in [0, 1], or NaN when only one class is present (scikit-learn 1.9 also returns NaN, with a warning)
 * @throws {@link MetricInputError} on mismatched lengths, empty input, non-0/1 labels or non-finite scores
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  validateLabelsAndScores('rocAuc', labels, scores);
  return rocAucFromCounts(countsFromValidated(labels, scores));
}

/**
 * {@link rocAuc} from precomputed threshold counts.
 *
 * Each group of tied scores adds its negatives times (the positives ranked
 * strictly above it + half of the positives tied with it). Summing twice that
 * keeps every term an integer, so the sum is exact in float64 up to 2^53
 * (far beyond 1M × 1M rows) and the single final division is correctly
 * rounded: more accurate than summing trapezoids of rates, which is why the
 * result can differ from scikit-learn's in the last bit or two.
 */
export function rocAucFromCounts(counts: ThresholdCounts): number {
  const { tps, fps, positives, negatives } = counts;
  if (positives === 0 || negatives === 0) return NaN;
  let twiceArea = 0;
  let tpBefore = 0;
  let fpBefore = 0;
  for (let k = 0; k < tps.length; k++) {
    const tp = tps[k]!;
    const fp = fps[k]!;
    twiceArea += (fp - fpBefore) * (2 * tpBefore + (tp - tpBefore));
    tpBefore = tp;
    fpBefore = fp;
  }
  return twiceArea / (2 * positives * negatives);
}
