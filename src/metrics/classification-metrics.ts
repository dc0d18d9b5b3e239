import { accuracy } from './accuracy';
import { averagePrecisionFromCounts } from './average-precision';
import { confusionFromValidated, DEFAULT_THRESHOLD, type ConfusionMatrix } from './confusion-matrix';
import { f1Score } from './f1-score';
import { logLossFromValidated } from './log-loss';
import { precision } from './precision';
import { recall } from './recall';
import { rocAucFromCounts } from './roc-auc';
import { countsFromValidated } from './threshold-counts';
import { validateLabelsAndProbabilities, validateThreshold } from './validate-inputs';

/**
 * The evaluation summary of a binary classifier on a set of rows: what the
 * registry stores in `evaluation.json` and the promotion rule compares.
 *
 * Plain JSON: every field is a finite number or `null`, never NaN or
 * Infinity (which `JSON.stringify` would silently turn into `null` anyway).
 */
export interface ClassificationMetrics {
  /** Number of rows scored. */
  readonly count: number;
  /** Fraction of rows labelled 1 (prevalence; not the predicted-positive rate). */
  readonly positiveRate: number;
  /** Decision threshold for the threshold metrics: score >= threshold predicts 1. */
  readonly threshold: number;
  /** See {@link accuracy}, at `threshold`. */
  readonly accuracy: number;
  /** See {@link precision}, at `threshold` (0 with no positive predictions). */
  readonly precision: number;
  /** See {@link recall}, at `threshold` (0 with no positive labels). */
  readonly recall: number;
  /** See {@link f1Score}, at `threshold`. */
  readonly f1: number;
  /** See {@link rocAuc}; `null` when the rows hold only one class (undefined). */
  readonly rocAuc: number | null;
  /** Average precision, see {@link averagePrecision}; `null` when the rows hold only one class. */
  readonly prAuc: number | null;
  /** See {@link logLoss} (always defined). */
  readonly logLoss: number;
  /** Counts at `threshold`. */
  readonly confusion: ConfusionMatrix;
}

/**
 * Computes every summary metric in one pass over sorted scores: the sort is
 * shared by ROC AUC and average precision, so 1M rows take well under a
 * second.
 *
 * Both AUCs are `null`, not NaN, when only one class is present: ROC AUC is
 * undefined then, and average precision is either 0 by convention (no
 * positives) or trivially 1 (no negatives), neither of which says anything
 * about the model, so a floor or an improvement on them must fail rather than
 * pass by accident.
 *
 * @param labels - 0/1 ground truth
 * @param scores - predicted probability of class 1, each in [0, 1]
 * @param threshold - decision threshold for accuracy, precision, recall, F1 and the confusion matrix; defaults to {@link DEFAULT_THRESHOLD} (0.5)
 * @throws {@link MetricInputError} on mismatched lengths, empty input, non-0/1 labels, scores outside [0, 1] or a non-finite threshold
 */
export function computeClassificationMetrics(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold: number = DEFAULT_THRESHOLD,
): ClassificationMetrics {
  validateLabelsAndProbabilities('computeClassificationMetrics', labels, scores);
  validateThreshold('computeClassificationMetrics', threshold);
  const counts = countsFromValidated(labels, scores);
  const confusion = confusionFromValidated(labels, scores, threshold);
  const bothClasses = counts.positives > 0 && counts.negatives > 0;
  return {
    count: labels.length,
    positiveRate: counts.positives / labels.length,
    threshold,
    accuracy: accuracy(confusion),
    precision: precision(confusion),
    recall: recall(confusion),
    f1: f1Score(confusion),
    rocAuc: bothClasses ? rocAucFromCounts(counts) : null,
    prAuc: bothClasses ? averagePrecisionFromCounts(counts) : null,
    logLoss: logLossFromValidated(labels, scores),
    confusion,
  };
}
