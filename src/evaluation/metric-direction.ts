import type { MetricName } from './metric-name';

/** Whether a larger value of a metric means a better model. */
export const MetricDirection = {
  HigherIsBetter: 'higher-is-better',
  LowerIsBetter: 'lower-is-better',
} as const;

/** See {@link MetricDirection}. */
export type MetricDirection = (typeof MetricDirection)[keyof typeof MetricDirection];

/** Direction of every metric: all are higher-is-better except log loss. */
export const METRIC_DIRECTIONS: Readonly<Record<MetricName, MetricDirection>> = Object.freeze({
  accuracy: MetricDirection.HigherIsBetter,
  precision: MetricDirection.HigherIsBetter,
  recall: MetricDirection.HigherIsBetter,
  f1: MetricDirection.HigherIsBetter,
  rocAuc: MetricDirection.HigherIsBetter,
  prAuc: MetricDirection.HigherIsBetter,
  logLoss: MetricDirection.LowerIsBetter,
});

/** The direction of `name`. */
export function metricDirection(name: MetricName): MetricDirection {
  return METRIC_DIRECTIONS[name];
}

/** True when a larger value of `name` is better. */
export function isHigherBetter(name: MetricName): boolean {
  return METRIC_DIRECTIONS[name] === MetricDirection.HigherIsBetter;
}

/**
 * How much better `candidate` is than `baseline` on `name`, in the metric's
 * units: positive when the candidate is better, negative when worse, whatever
 * the metric's direction (for log loss, a drop from 0.35 to 0.30 is +0.05).
 */
export function improvement(name: MetricName, candidate: number, baseline: number): number {
  return isHigherBetter(name) ? candidate - baseline : baseline - candidate;
}
