import { MetricInputError } from './errors';

// Bound once at load: a global lookup per element is slow inside sandboxed
// contexts such as jest's vm environment (see log-loss.ts).
const isFiniteNumber = Number.isFinite;

/**
 * Checks the inputs shared by every label/score metric: same non-zero length,
 * labels exactly 0 or 1, scores finite numbers.
 *
 * @param metric - name of the calling function, used in error messages
 * @throws {@link MetricInputError} naming the first offending argument and index
 */
export function validateLabelsAndScores(
  metric: string,
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
): void {
  if (labels.length !== scores.length) {
    throw new MetricInputError(
      `${metric}: labels and scores must have the same length, got ${labels.length} labels and ${scores.length} scores`,
      metric,
      'scores',
    );
  }
  // An empty input has no defined accuracy, AUC or loss; failing here is
  // clearer than a NaN surfacing later in a promotion decision.
  if (labels.length === 0) {
    throw new MetricInputError(`${metric}: needs at least one row, got 0`, metric, 'labels');
  }
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label !== 0 && label !== 1) {
      throw new MetricInputError(`${metric}: labels[${i}] must be 0 or 1, got ${label}`, metric, 'labels', i);
    }
  }
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!;
    if (!isFiniteNumber(score)) {
      throw new MetricInputError(
        `${metric}: scores[${i}] must be a finite number, got ${score}`,
        metric,
        'scores',
        i,
      );
    }
  }
}

/**
 * {@link validateLabelsAndScores}, plus every score must be a probability in
 * [0, 1] (log loss and calibration bins are meaningless otherwise).
 *
 * @throws {@link MetricInputError} naming the first offending argument and index
 */
export function validateLabelsAndProbabilities(
  metric: string,
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
): void {
  validateLabelsAndScores(metric, labels, probabilities);
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i]!;
    if (p < 0 || p > 1) {
      throw new MetricInputError(
        `${metric}: scores[${i}] must be a probability in [0, 1], got ${p}`,
        metric,
        'scores',
        i,
      );
    }
  }
}

/**
 * Checks a decision threshold: a finite number. (Any finite value is
 * allowed; thresholds outside [0, 1] just predict all or nothing.)
 *
 * @throws {@link MetricInputError} when the threshold is not finite
 */
export function validateThreshold(metric: string, threshold: number): void {
  if (!Number.isFinite(threshold)) {
    throw new MetricInputError(
      `${metric}: threshold must be a finite number, got ${threshold}`,
      metric,
      'threshold',
    );
  }
}
