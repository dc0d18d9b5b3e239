import { countsFromValidated, type ThresholdCounts } from './threshold-counts';
import { validateLabelsAndScores } from './validate-inputs';

/**
 * Average precision, the area under the precision–recall curve as defined by
 * scikit-learn's `average_precision_score`: the step-function sum
 * `Σₖ (Rₖ − Rₖ₋₁) · Pₖ` over distinct score thresholds, with no interpolation
 * (so it is not the trapezoidal PR AUC, which is optimistic).
 *
 * Undefined inputs follow scikit-learn: with no positive label recall is taken
 * as 1 everywhere and the result is 0 (scikit-learn also warns); with no
 * negative label every precision is 1 and so is the result.
 * {@link computeClassificationMetrics} reports both one-class cases as `null`.
 *
 * @param labels - 0/1 ground truth
 * @param scores - predicted probability (or any finite score) of the positive class
 * @returns average precision in [0, 1]
 * @throws {@link MetricInputError} on mismatched lengths, empty input, non-0/1 labels or non-finite scores
 */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  validateLabelsAndScores('averagePrecision', labels, scores);
  return averagePrecisionFromCounts(countsFromValidated(labels, scores));
}

/**
 * {@link averagePrecision} from precomputed threshold counts. Recall steps by
 * (new positives) / P at each threshold, so the sum is taken over
 * `newPositives · precision` and divided by P once at the end.
 */
export function averagePrecisionFromCounts(counts: ThresholdCounts): number {
  const { tps, fps, positives } = counts;
  if (positives === 0) return 0;
  let sum = 0;
  let tpBefore = 0;
  for (let k = 0; k < tps.length; k++) {
    const tp = tps[k]!;
    // Thresholds where no positive is added contribute nothing (and tp + fp > 0
    // whenever tp > tpBefore, so there is no 0/0 here).
    if (tp > tpBefore) sum += (tp - tpBefore) * (tp / (tp + fps[k]!));
    tpBefore = tp;
  }
  return sum / positives;
}
