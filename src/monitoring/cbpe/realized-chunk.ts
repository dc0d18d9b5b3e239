/**
 * Realized (true) performance of a chunk whose labels are known, with
 * NannyML's conventions for CBPE: ROC AUC on the uncalibrated scores and NaN
 * with one class; F1, precision and recall NaN when the labels or the
 * predictions hold one class; confusion cells as counts. CBPE's alert
 * thresholds are the spread of these over the reference chunks.
 */
import { rocAuc } from '../../metrics';
import type { CbpeMetric } from './cbpe-metrics';

/**
 * Realized value of every CBPE metric on the rows `start`..`end` (exclusive).
 *
 * @param labels - 0/1 outcome per row
 * @param scores - the model's uncalibrated score per row
 * @param predicted - the model's 0/1 prediction per row
 */
export function realizedChunk(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  predicted: ArrayLike<number>,
): Record<CbpeMetric, number> {
  let tp = 0;
  let tn = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    if (predicted[i] === 1) {
      if (labels[i] === 1) tp++;
      else fp++;
    } else if (labels[i] === 1) fn++;
    else tn++;
  }
  const n = labels.length;
  const bothLabels = tp + fn > 0 && tn + fp > 0;
  const bothPredictions = tp + fp > 0 && tn + fn > 0;
  const rate = (value: () => number): number => (bothLabels && bothPredictions ? value() : NaN);
  return {
    rocAuc: bothLabels ? rocAuc(labels, scores) : NaN,
    accuracy: n === 0 ? NaN : (tp + tn) / n,
    f1: rate(() => (2 * tp) / (2 * tp + fp + fn)),
    precision: rate(() => tp / (tp + fp)),
    recall: rate(() => tp / (tp + fn)),
    truePositive: tp,
    trueNegative: tn,
    falsePositive: fp,
    falseNegative: fn,
  };
}
