import type { ConfusionMatrix } from './confusion-matrix';

/**
 * Recall (sensitivity, true-positive rate): of the positive rows, the fraction
 * predicted positive, `tp / (tp + fn)`.
 *
 * With no positive labels the ratio is 0/0; like scikit-learn's `recall_score`
 * with its default `zero_division="warn"`, the result is then 0.
 *
 * @param confusion - counts from {@link confusionMatrix}
 * @returns recall in [0, 1]
 */
export function recall(confusion: ConfusionMatrix): number {
  const actualPositive = confusion.tp + confusion.fn;
  return actualPositive === 0 ? 0 : confusion.tp / actualPositive;
}
