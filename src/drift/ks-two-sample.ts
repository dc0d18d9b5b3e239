import { kolmogorovSf } from './kolmogorov-distribution';
import { sortedFinite } from './numeric-sample';

/**
 * Two-sample Kolmogorov–Smirnov test, two-sided, equal to scipy's
 * `ks_2samp(reference, current)` with its defaults (`method='auto'`), which is
 * what Evidently's `ks_stat_test` calls.
 *
 * - Statistic: D = sup |F₁ − F₂| over the pooled values, with ties handled by
 *   evaluating both empirical CDFs right-continuously (scipy's
 *   `searchsorted(side='right')`), each difference computed as i/n₁ − j/n₂.
 * - `auto` chooses the exact p-value when max(n₁, n₂) ≤ 10 000, else the
 *   asymptotic one.
 * - Exact: D is rounded to h / lcm(n₁, n₂) and the p-value is the share of
 *   lattice paths leaving the band (Hodges 1958; scipy's
 *   `_compute_prob_outside_square` for n₁ = n₂, else Viehmann's 1 − p
 *   recursion `_compute_outer_prob_inside_method`). If that fails to give a
 *   probability, scipy falls back to the asymptotic p-value, and so does this.
 * - Asymptotic: `kstwo.sf(D, round(n₁n₂ / (n₁ + n₂)))` ({@link kolmogorovSf}).
 */

/** scipy's `MAX_AUTO_N`: above this sample size `auto` uses the asymptotic p-value. */
export const KS_MAX_EXACT_SIZE = 10_000;

/** How the p-value was computed. */
export type KsPValueMethod = 'exact' | 'asymp';

/** Result of {@link ksTwoSample}. */
export interface KsTwoSampleResult {
  /** D; with the exact method, rounded to a multiple of 1/lcm(n₁, n₂) as scipy returns it. */
  readonly statistic: number;
  /** Two-sided p-value in [0, 1]. */
  readonly pValue: number;
  readonly method: KsPValueMethod;
}

/** Rounds half to even, like numpy's `np.round` and Python 3's `round`. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  // Math.round rounds .5 up; step back when that lands on an odd number.
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/**
 * Maximum differences between the two empirical CDFs: maxS = max(F₁ − F₂),
 * minS = max(F₂ − F₁) clipped to [0, 1], by one merge walk of the sorted samples.
 */
function cdfDifferences(a: Float64Array, b: Float64Array): { maxS: number; minS: number } {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let maxS = -Infinity;
  let minS = Infinity;
  while (i < n1 || j < n2) {
    const v = Math.min(i < n1 ? a[i]! : Infinity, j < n2 ? b[j]! : Infinity);
    while (i < n1 && a[i]! <= v) i++;
    while (j < n2 && b[j]! <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxS) maxS = diff;
    if (diff < minS) minS = diff;
  }
  return { maxS, minS: Math.min(Math.max(-minS, 0), 1) };
}

/**
 * P(D ≥ h/n) for two samples of equal size n (scipy's `_compute_prob_outside_square`):
 * 2·Σ (−1)^(k−1) C(2n, n − kh) / C(2n, n), by a Horner-like scheme without cancellation.
 */
function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    p = p1 * (1 - p);
  }
  return 2 * p;
}

/**
 * Share of lattice paths from (0, 0) to (m, n) that leave |x/m − y/n| < h/lcm
 * (scipy's `_compute_outer_prob_inside_method`, Hodges 1958 with the 1 − p
 * recursion of Viehmann 2021, arXiv:2102.08037), keeping one sliding column.
 */
function probOutsideBand(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minJ = 0;
  let maxJ = Math.min(Math.ceil(h / mg), n + 1);
  let currentLength = maxJ - minJ;
  const lengthA = Math.min(2 * maxJ + 2, n + 1);
  const A = new Float64Array(lengthA).fill(1);
  for (let j = minJ; j < Math.min(maxJ, lengthA); j++) A[j] = 0;
  for (let i = 1; i <= m; i++) {
    const lastMinJ = minJ;
    const lastLength = currentLength;
    minJ = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxJ = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxJ <= minJ) return 1;
    let value = minJ === 0 ? 0 : 1;
    for (let jj = 0; jj < maxJ - minJ; jj++) {
      const j = jj + minJ;
      value = (A[jj + minJ - lastMinJ]! * i + value * j) / (i + j);
      A[jj] = value;
    }
    currentLength = maxJ - minJ;
    if (lastLength > currentLength) {
      const end = Math.min(maxJ - minJ + (lastLength - currentLength), lengthA);
      for (let k = maxJ - minJ; k < end; k++) A[k] = 1;
    }
  }
  return A[maxJ - minJ - 1]!;
}

/**
 * {@link ksTwoSample} on samples already sorted ascending and free of NaN
 * (as {@link toNumericSample} gives them); no copy, O(n₁ + n₂) for the statistic.
 *
 * @throws RangeError when a sample is empty (scipy raises ValueError)
 */
export function ksTwoSampleSorted(reference: Float64Array, current: Float64Array): KsTwoSampleResult {
  const n1 = reference.length;
  const n2 = current.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('ksTwoSample: both samples must be non-empty');
  const { maxS, minS } = cdfDifferences(reference, current);
  let d = minS > maxS ? minS : maxS;

  let method: KsPValueMethod = Math.max(n1, n2) <= KS_MAX_EXACT_SIZE ? 'exact' : 'asymp';
  let p = NaN;
  if (method === 'exact') {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    d = h / lcm;
    if (h === 0) {
      p = 1;
    } else {
      p = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideBand(n1, n2, g, h);
      if (!(p >= 0 && p <= 1)) method = 'asymp';
    }
  }
  if (method === 'asymp') {
    const m = Math.max(n1, n2);
    const n = Math.min(n1, n2);
    const en = (m * n) / (m + n);
    p = kolmogorovSf(roundHalfEven(en), d);
  }
  return { statistic: d, pValue: Math.min(Math.max(p, 0), 1), method };
}

/**
 * Two-sample two-sided Kolmogorov–Smirnov test (see the file comment for how
 * it follows scipy). NaN and ±Infinity are dropped first, as Evidently drops
 * them before testing.
 *
 * @throws RangeError when a sample has no finite value
 */
export function ksTwoSample(reference: ArrayLike<number>, current: ArrayLike<number>): KsTwoSampleResult {
  return ksTwoSampleSorted(sortedFinite(reference), sortedFinite(current));
}
