/**
 * DeLong's test for two correlated ROC AUCs measured on the same rows
 * (DeLong, DeLong & Clarke-Pearson 1988, Biometrics 44:837), with the
 * midrank computation of Sun & Xu (2014, IEEE Signal Processing Letters
 * 21:1389). The same statistic as pROC's `roc.test(method = "delong",
 * paired = TRUE)`, to which the tests pin it
 * (`test/reference/evaluation/delong_reference.R`).
 *
 * Why DeLong rather than a paired bootstrap: it is exact for the AUC's
 * U-statistic variance, needs no resampling (so no seed and no time), and is
 * the test a reader of a model comparison expects.
 */
import { normalCdf } from '../drift/normal-distribution';
import { validateLabelsAndScores } from './validate-inputs';
import { MetricInputError } from './errors';

/** What {@link delongTest} finds. */
export interface DelongResult {
  readonly aucA: number;
  readonly aucB: number;
  /** aucA − aucB. */
  readonly difference: number;
  /** Standard error of the difference. */
  readonly standardError: number;
  /** difference / standardError (NaN when both models rank every pair alike). */
  readonly z: number;
  /** Two-sided p-value of "the AUCs are equal". */
  readonly pValue: number;
  readonly confidenceLevel: number;
  /** Confidence interval of the difference. */
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly positives: number;
  readonly negatives: number;
}

/** 1-based midranks of `values` (ties share the mean of their ranks). */
function midranks(values: readonly number[]): Float64Array {
  const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]!);
  const ranks = new Float64Array(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1]!] === values[order[start]!]) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]!] = rank;
    start = end + 1;
  }
  return ranks;
}

/** Structural components V10 (per positive) and V01 (per negative) of one score vector. */
function components(positives: readonly number[], negatives: readonly number[]) {
  const m = positives.length;
  const n = negatives.length;
  const all = midranks([...positives, ...negatives]);
  const pos = midranks(positives);
  const neg = midranks(negatives);
  const v10 = positives.map((_, i) => (all[i]! - pos[i]!) / n);
  const v01 = negatives.map((_, j) => 1 - (all[m + j]! - neg[j]!) / m);
  return { v10, v01, auc: v10.reduce((a, b) => a + b, 0) / m };
}

function covariance(x: readonly number[], y: readonly number[]): number {
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - mx) * (y[i]! - my);
  return s / (x.length - 1);
}

/** z with Φ(z) = p, by bisection on the project's Φ (only called for a handful of levels). */
function normalQuantile(p: number): number {
  let lo = -40;
  let hi = 40;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Compares the ROC AUCs of two scorers on the same labelled rows. Higher
 * scores mean "positive" for both.
 *
 * @param confidenceLevel - of the interval for aucA − aucB @default 0.95
 * @throws MetricInputError for arrays of other lengths, labels other than 0/1,
 *   non-finite scores, or fewer than two rows of either class
 */
export function delongTest(
  labels: ArrayLike<number>,
  scoresA: ArrayLike<number>,
  scoresB: ArrayLike<number>,
  confidenceLevel = 0.95,
): DelongResult {
  validateLabelsAndScores('delongTest', labels, scoresA);
  validateLabelsAndScores('delongTest', labels, scoresB);
  if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
    throw new RangeError(`delongTest: confidenceLevel must be in (0, 1), got ${confidenceLevel}`);
  }
  const split = (scores: ArrayLike<number>) => {
    const pos: number[] = [];
    const neg: number[] = [];
    for (let i = 0; i < labels.length; i++) (labels[i] === 1 ? pos : neg).push(scores[i]!);
    return { pos, neg };
  };
  const a = split(scoresA);
  const b = split(scoresB);
  const m = a.pos.length;
  const n = a.neg.length;
  if (m < 2 || n < 2) {
    throw new MetricInputError(
      `delongTest: needs at least 2 rows of each class, got ${m} positives and ${n} negatives`,
      'delongTest',
      'labels',
    );
  }
  const ca = components(a.pos, a.neg);
  const cb = components(b.pos, b.neg);
  const variance =
    (covariance(ca.v10, ca.v10) + covariance(cb.v10, cb.v10) - 2 * covariance(ca.v10, cb.v10)) / m +
    (covariance(ca.v01, ca.v01) + covariance(cb.v01, cb.v01) - 2 * covariance(ca.v01, cb.v01)) / n;
  const difference = ca.auc - cb.auc;
  const standardError = Math.sqrt(Math.max(variance, 0));
  const z = difference / standardError;
  const q = normalQuantile(1 - (1 - confidenceLevel) / 2);
  return {
    aucA: ca.auc,
    aucB: cb.auc,
    difference,
    standardError,
    z,
    pValue: Number.isNaN(z) ? Number.NaN : 2 * normalCdf(-Math.abs(z)),
    confidenceLevel,
    ciLow: difference - q * standardError,
    ciHigh: difference + q * standardError,
    positives: m,
    negatives: n,
  };
}
