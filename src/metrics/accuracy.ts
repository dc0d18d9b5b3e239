import type { ConfusionMatrix } from './confusion-matrix';

/**
 * Accuracy: the fraction of rows classified correctly, `(tp + tn) / n`, as
 * scikit-learn's `accuracy_score`.
 *
 * @param confusion - counts from {@link confusionMatrix}
 * @returns accuracy in [0, 1], or NaN for an empty matrix
 */
export function accuracy(confusion: ConfusionMatrix): number {
  const { tp, fp, tn, fn } = confusion;
  return (tp + tn) / (tp + fp + tn + fn);
}
