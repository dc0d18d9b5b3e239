import type { ClassificationMetrics } from '../metrics';

/** The metrics a promotion policy can refer to, in the order checks are reported. */
export const METRIC_NAMES = ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'prAuc', 'logLoss'] as const;

/** A metric of {@link ClassificationMetrics} that a promotion policy can refer to. */
export type MetricName = (typeof METRIC_NAMES)[number];

/** True when `value` is one of {@link METRIC_NAMES}. */
export function isMetricName(value: unknown): value is MetricName {
  return typeof value === 'string' && (METRIC_NAMES as readonly string[]).includes(value);
}

/**
 * Largest value the metric can take: 1 for the rates and areas, Infinity for
 * log loss. Used to validate floors and tolerances.
 */
export function metricUpperBound(name: MetricName): number {
  return name === 'logLoss' ? Infinity : 1;
}

/**
 * Reads a metric from an evaluation summary.
 *
 * @returns the value, or `null` when the metric is undefined for those rows
 *   (an AUC with only one class present)
 */
export function metricValue(metrics: ClassificationMetrics, name: MetricName): number | null {
  return metrics[name];
}
