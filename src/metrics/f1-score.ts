import type { ConfusionMatrix } from './confusion-matrix';

/**
 * F1 score, the harmonic mean of precision and recall, computed from counts as
 * `2·tp / (2·tp + fp + fn)` exactly as scikit-learn 1.9 does (so a zero
 * precision from zero-division does not turn into NaN).
 *
 * With neither positive labels nor positive predictions the ratio is 0/0;
 * like scikit-learn's default `zero_division="warn"`, the result is then 0.
 *
 * @param confusion - counts from {@link confusionMatrix}
 * @returns F1 in [0, 1]
 */
export function f1Score(confusion: ConfusionMatrix): number {
  const denominator = 2 * confusion.tp + confusion.fp + confusion.fn;
  return denominator === 0 ? 0 : (2 * confusion.tp) / denominator;
}
