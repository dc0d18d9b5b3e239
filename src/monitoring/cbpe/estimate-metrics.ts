/**
 * CBPE's estimates: with calibrated probabilities, each prediction is a
 * fractional true or false positive (or negative), so the expected confusion
 * matrix of a chunk is a sum over its rows, and every threshold metric follows
 * from it (NannyML's `estimate_accuracy`, `estimate_f1`, …). ROC AUC is
 * estimated from the expected true- and false-positive counts along the
 * ranking by the model's own (uncalibrated) scores (NannyML's `estimate_roc_auc`).
 */

/** The expected confusion matrix of a chunk, as counts (NannyML's unnormalised confusion matrix). */
export interface ExpectedConfusion {
  readonly truePositive: number;
  readonly trueNegative: number;
  readonly falsePositive: number;
  readonly falseNegative: number;
}

/**
 * Sums of the calibrated probabilities by predicted class.
 *
 * @param calibrated - calibrated probability of class 1 per row
 * @param predicted - the model's 0/1 prediction per row (score >= threshold)
 */
export function expectedConfusion(
  calibrated: ArrayLike<number>,
  predicted: ArrayLike<number>,
): ExpectedConfusion {
  const { tp, fp, fn, tn } = sums(calibrated, predicted);
  // NannyML computes each count as (mean over rows) × rows.
  const n = calibrated.length;
  return {
    truePositive: (tp / n) * n,
    trueNegative: (tn / n) * n,
    falsePositive: (fp / n) * n,
    falseNegative: (fn / n) * n,
  };
}

/** Sums of the calibrated probabilities by predicted class (unscaled), for the rate metrics. */
function sums(calibrated: ArrayLike<number>, predicted: ArrayLike<number>) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < calibrated.length; i++) {
    const p = calibrated[i]!;
    if (predicted[i] === 1) {
      tp += p;
      fp += 1 - p;
    } else {
      fn += p;
      tn += 1 - p;
    }
  }
  return { tp, fp, fn, tn };
}

/** Estimated accuracy: (expected TP + expected TN) / rows. */
export function estimateAccuracy(calibrated: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const { tp, tn } = sums(calibrated, predicted);
  return (tp + tn) / calibrated.length;
}

/** Estimated precision: TP / (TP + FP); 0 without positive predictions (NannyML's convention). */
export function estimatePrecision(calibrated: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const { tp, fp } = sums(calibrated, predicted);
  const denominator = tp + fp;
  return denominator !== 0 ? tp / denominator : 0;
}

/** Estimated recall: TP / (TP + FN); 0 when nothing is expected positive. */
export function estimateRecall(calibrated: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const { tp, fn } = sums(calibrated, predicted);
  const denominator = tp + fn;
  return denominator !== 0 ? tp / denominator : 0;
}

/** Estimated F1: TP / (TP + (FP + FN) / 2); 0 when the denominator is. */
export function estimateF1(calibrated: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const { tp, fp, fn } = sums(calibrated, predicted);
  const denominator = tp + 0.5 * (fp + fn);
  return denominator !== 0 ? tp / denominator : 0;
}

/** numpy's `round(x, 5)`: scale, round half to even, unscale. */
function round5(x: number): number {
  const scaled = x * 1e5;
  let r = Math.round(scaled);
  if (Math.abs(scaled % 1) === 0.5 && r % 2 !== 0) r -= 1; // Math.round rounds halves up; rint to even
  return r / 1e5;
}

/**
 * Estimated ROC AUC: rank rows by the model's score (highest first); the
 * expected true positives up to each rank are the running sum of calibrated
 * probabilities, the expected false positives the running sum of their
 * complements; both are rounded to 5 decimals as NannyML does, normalised into
 * a curve, and integrated with the trapezoid rule. NaN when the chunk is
 * expected to hold only one class.
 *
 * Rows with equal scores keep their order reversed, as reversing a stable
 * ascending sort does (NannyML reverses numpy's unstable argsort, so tied
 * scores have no defined order there).
 */
export function estimateRocAuc(calibrated: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i)
    .sort((a, b) => scores[a]! - scores[b]! || a - b)
    .reverse();
  const tps = new Float64Array(n + 1);
  const fps = new Float64Array(n + 1);
  let cumulative = 0;
  for (let k = 0; k < n; k++) {
    cumulative += calibrated[order[k]!]!;
    tps[k + 1] = round5(cumulative);
    fps[k + 1] = round5(1 + k - cumulative);
  }
  const totalTp = tps[n]!;
  const totalFp = fps[n]!;
  let area = 0;
  for (let k = 0; k < n; k++) {
    const dx = fps[k + 1]! / totalFp - fps[k]! / totalFp;
    area += (dx * (tps[k + 1]! / totalTp + tps[k]! / totalTp)) / 2;
  }
  return area;
}
