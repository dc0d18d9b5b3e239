import type { ConfusionMatrix } from './confusion-matrix';

/**
 * Precision: of the rows predicted positive, the fraction that are positive,
 * `tp / (tp + fp)`.
 *
 * With no positive predictions the ratio is 0/0; like scikit-learn's
 * `precision_score` with its default `zero_division="warn"`, the result is
 * then 0 (a model that never says "match" gets no credit for precision).
 *
 * @param confusion - counts from {@link confusionMatrix}
 * @returns precision in [0, 1]
 */
export function precision(confusion: ConfusionMatrix): number {
  const predictedPositive = confusion.tp + confusion.fp;
  return predictedPositive === 0 ? 0 : confusion.tp / predictedPositive;
}
