/**
 * CBPE's alert thresholds, as NannyML's `StandardDeviationThreshold` computes
 * them: the mean of a metric's realized values over the reference chunks ± 3
 * standard deviations (NaNs left out), clipped to the metric's limits (a
 * threshold at or past a limit becomes the limit).
 */
import { type CbpeMetric, metricLimits } from './cbpe-metrics';
import { nanMeanStd } from './population-std';

/** Lower and upper alert threshold of a metric (NaN when no reference chunk had a value). */
export interface AlertThresholds {
  readonly lower: number;
  readonly upper: number;
}

/** NannyML's default multiplier of the standard deviation. */
export const DEFAULT_STD_MULTIPLIER = 3;

/**
 * Thresholds from the realized values of `metric` on the reference chunks.
 *
 * @param multiplier - how many standard deviations from the mean; default 3
 */
export function alertThresholds(
  metric: CbpeMetric,
  referenceValues: readonly number[],
  multiplier = DEFAULT_STD_MULTIPLIER,
): AlertThresholds {
  const { mean, std } = nanMeanStd(referenceValues);
  let lower = mean - std * multiplier;
  let upper = mean + std * multiplier;
  const limits = metricLimits(metric);
  if (lower <= limits.lower) lower = limits.lower;
  if (limits.upper !== null && upper >= limits.upper) upper = limits.upper;
  return { lower, upper };
}

/** True when an estimate falls outside its thresholds (never for NaN). */
export function isOutsideThresholds(value: number, thresholds: AlertThresholds): boolean {
  return value < thresholds.lower || value > thresholds.upper;
}
