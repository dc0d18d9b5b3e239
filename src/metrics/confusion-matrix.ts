import { validateLabelsAndScores, validateThreshold } from './validate-inputs';

/** Counts of a binary classifier's outcomes at one threshold. */
export interface ConfusionMatrix {
  /** True positives: label 1, predicted 1. */
  readonly tp: number;
  /** False positives: label 0, predicted 1. */
  readonly fp: number;
  /** True negatives: label 0, predicted 0. */
  readonly tn: number;
  /** False negatives: label 1, predicted 0. */
  readonly fn: number;
}

/** The decision threshold used when none is given. */
export const DEFAULT_THRESHOLD = 0.5;

/**
 * Confusion matrix of the classifier "positive when score >= threshold".
 *
 * `>=` (not `>`) is the convention of scikit-learn's `roc_curve` and
 * `precision_recall_curve` thresholds, so a row of {@link thresholdTable} is a
 * point on those curves. (A scikit-learn estimator's `predict` takes the argmax
 * of `predict_proba` and so calls exactly 0.5 negative; with float scores from
 * a sigmoid that tie practically never matters.)
 *
 * @param labels - 0/1 ground truth
 * @param scores - finite scores of the positive class
 * @param threshold - decision threshold; defaults to {@link DEFAULT_THRESHOLD} (0.5)
 * @throws {@link MetricInputError} on mismatched lengths, empty input, non-0/1 labels, non-finite scores or threshold
 */
export function confusionMatrix(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold: number = DEFAULT_THRESHOLD,
): ConfusionMatrix {
  validateLabelsAndScores('confusionMatrix', labels, scores);
  validateThreshold('confusionMatrix', threshold);
  return confusionFromValidated(labels, scores, threshold);
}

/** {@link confusionMatrix} without validation, for callers that validated already. */
export function confusionFromValidated(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold: number,
): ConfusionMatrix {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const predictedPositive = scores[i]! >= threshold;
    if (labels[i] === 1) {
      if (predictedPositive) tp++;
      else fn++;
    } else if (predictedPositive) fp++;
    else tn++;
  }
  return { tp, fp, tn, fn };
}
