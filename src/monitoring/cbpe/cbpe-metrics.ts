/** The metrics CBPE estimates, with NannyML's value limits. */

/** A CBPE metric (NannyML's names, camel-cased; the confusion matrix is four of them, as counts). */
export type CbpeMetric =
  | 'rocAuc'
  | 'accuracy'
  | 'f1'
  | 'precision'
  | 'recall'
  | 'truePositive'
  | 'trueNegative'
  | 'falsePositive'
  | 'falseNegative';

/** Every CBPE metric, in NannyML's result order. */
export const CBPE_METRICS: readonly CbpeMetric[] = [
  'rocAuc',
  'accuracy',
  'f1',
  'precision',
  'recall',
  'truePositive',
  'trueNegative',
  'falsePositive',
  'falseNegative',
];

/** The confusion-matrix cells. */
export const CONFUSION_METRICS: readonly CbpeMetric[] = [
  'truePositive',
  'trueNegative',
  'falsePositive',
  'falseNegative',
];

/**
 * Bounds a metric cannot leave, which clip its alert thresholds and its band:
 * rates live in [0, 1]; (unnormalised) confusion counts only have a floor.
 */
export function metricLimits(metric: CbpeMetric): { lower: number; upper: number | null } {
  return CONFUSION_METRICS.includes(metric) ? { lower: 0, upper: null } : { lower: 0, upper: 1 };
}
