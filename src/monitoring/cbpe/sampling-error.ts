/**
 * NannyML's sampling errors for binary classification
 * (`nannyml.sampling_error.binary_classification`): components measured once
 * on the reference (a standard deviation at the level of single observations
 * and the fraction of rows it applies to), then scaled to a chunk of `n` rows
 * as std / √(n · fraction). The band drawn around an estimate is ±3 of these.
 */
import type { CbpeMetric } from './cbpe-metrics';
import { populationStd, twoValueStd } from './population-std';

/** `[std, fraction]` per metric, from the reference. */
export type SamplingErrorComponents = Readonly<Record<CbpeMetric, readonly [number, number]>>;

/** NannyML's `SAMPLING_ERROR_RANGE`: the band is the estimate ± 3 sampling errors. */
export const SAMPLING_ERROR_RANGE = 3;

/**
 * AUROC components, from AUROC as a Mann–Whitney statistic: for each positive
 * (in score order), how many negatives rank below it, divided by the number of
 * negatives. Classes are swapped first when positives are the majority. As in
 * NannyML, a positive at the very lowest rank is left out (its rank, 0, is
 * dropped with the negatives' zeros).
 */
function aurocComponents(labels: ArrayLike<number>, scores: ArrayLike<number>): [number, number] {
  const n = labels.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i]!;
  const flip = positives / n > 0.5;
  const y = (i: number): number => (flip ? Math.abs(labels[i]! - 1) : labels[i]!);
  const s = (i: number): number => (flip ? 1 - scores[i]! : scores[i]!);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => s(a) - s(b) || a - b);
  const nPos = flip ? n - positives : positives;
  const nNeg = n - nPos;
  const perPositive: number[] = [];
  order.forEach((row, rank) => {
    if (y(row) === 1 && rank > 0) perPositive.push((rank - perPositive.length) / nNeg);
  });
  return [populationStd(perPositive), nPos / n];
}

/** Counts of the reference's confusion matrix at the model's threshold. */
function counts(labels: ArrayLike<number>, predicted: ArrayLike<number>) {
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
  return { tp, tn, fp, fn, n: labels.length };
}

/**
 * Every metric's components, from the reference's labels, the model's
 * (uncalibrated) scores and its 0/1 predictions.
 */
export function samplingErrorComponents(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  predicted: ArrayLike<number>,
): SamplingErrorComponents {
  const { tp, tn, fp, fn, n } = counts(labels, predicted);
  // F1 at observation level: each TP counts 1 and each FP or FN 0, rescaled so their mean is the F1.
  const relevant = tp + fp + fn;
  const f1: [number, number] =
    relevant === 0 ? [NaN, 0] : [twoValueStd(relevant / ((fn + fp) * 0.5 + tp), tp, fn + fp), relevant / n];
  return {
    rocAuc: aurocComponents(labels, scores),
    accuracy: [twoValueStd(1, tp + tn, fp + fn), 1],
    f1,
    precision: [twoValueStd(1, tp, fp), (tp + fp) / n],
    recall: [twoValueStd(1, tp, fn), (tp + fn) / n],
    truePositive: [twoValueStd(1, tp, n - tp), 1],
    trueNegative: [twoValueStd(1, tn, n - tn), 1],
    falsePositive: [twoValueStd(1, fp, n - fp), 1],
    falseNegative: [twoValueStd(1, fn, n - fn), 1],
  };
}

/**
 * The sampling error of `metric` on a chunk of `rows` rows. Rates scale as
 * std / √(rows · fraction); confusion counts (unnormalised) as std · √rows.
 */
export function samplingError(components: SamplingErrorComponents, metric: CbpeMetric, rows: number): number {
  const [std, fraction] = components[metric];
  switch (metric) {
    case 'truePositive':
    case 'trueNegative':
    case 'falsePositive':
    case 'falseNegative':
      return (std / Math.sqrt(rows)) * rows;
    case 'accuracy':
      return std / Math.sqrt(rows);
    default:
      return std / Math.sqrt(rows * fraction);
  }
}
