/**
 * Realized performance of a period: the usual evaluation metrics (src/metrics,
 * pinned to scikit-learn) on the period's predictions whose outcomes have
 * arrived, with how many that is.
 */
import { type ClassificationMetrics, computeClassificationMetrics, DEFAULT_THRESHOLD } from '../../metrics';

/** Realized performance of one period. */
export interface RealizedPerformance {
  /** Predictions of the period that have an outcome. */
  readonly count: number;
  /** Predictions of the period still without one. */
  readonly awaiting: number;
  /** Metrics over the `count` predictions; null with none. */
  readonly metrics: ClassificationMetrics | null;
}

/**
 * @param labels - outcomes (0/1) of the predictions that have one
 * @param scores - the probabilities those predictions returned
 * @param awaiting - predictions of the period without an outcome yet
 */
export function realizedPerformance(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  awaiting: number,
  threshold = DEFAULT_THRESHOLD,
): RealizedPerformance {
  return {
    count: labels.length,
    awaiting,
    metrics: labels.length === 0 ? null : computeClassificationMetrics(labels, scores, threshold),
  };
}
