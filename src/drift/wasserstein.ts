import { sortedFinite } from './numeric-sample';

/**
 * The first Wasserstein (earth mover's) distance between two 1-D samples,
 * and Evidently's normalised version of it.
 */

/**
 * Evidently's floor for the normalising standard deviation
 * (`max(np.std(reference), 0.001)` in `_wasserstein_distance_norm`): a constant
 * reference column is divided by 0.001 rather than by 0.
 */
export const WASSERSTEIN_MIN_STD = 0.001;

/** Neumaier's compensated sum: adds `value` to `[sum, compensation]` in place. */
function addCompensated(acc: [number, number], value: number): void {
  const [sum] = acc;
  const t = sum + value;
  acc[1] += Math.abs(sum) >= Math.abs(value) ? sum - t + value : value - t + sum;
  acc[0] = t;
}

/**
 * W₁ between two samples sorted ascending (no NaN), scipy's
 * `wasserstein_distance(u, v)`: ∫|F_u − F_v| dx = Σ |F_u(xₖ) − F_v(xₖ)|·(xₖ₊₁ − xₖ)
 * over the pooled sorted values, both CDFs right-continuous and computed as
 * i/n_u − j/n_v like scipy. One merge walk, a compensated sum, no allocation.
 *
 * @returns the distance, or NaN when a sample is empty
 */
export function wassersteinDistanceSorted(u: Float64Array, v: Float64Array): number {
  const nu = u.length;
  const nv = v.length;
  if (nu === 0 || nv === 0) return NaN;
  let i = 0;
  let j = 0;
  const acc: [number, number] = [0, 0];
  while (i < nu || j < nv) {
    const x = Math.min(i < nu ? u[i]! : Infinity, j < nv ? v[j]! : Infinity);
    while (i < nu && u[i]! <= x) i++;
    while (j < nv && v[j]! <= x) j++;
    if (i === nu && j === nv) break;
    const next = Math.min(i < nu ? u[i]! : Infinity, j < nv ? v[j]! : Infinity);
    addCompensated(acc, Math.abs(i / nu - j / nv) * (next - x));
  }
  return acc[0] + acc[1];
}

/**
 * W₁ between two samples in any order (scipy's `wasserstein_distance`).
 * NaN and ±Infinity are dropped first.
 *
 * @returns the distance, or NaN when a sample has no finite value
 */
export function wassersteinDistance(u: ArrayLike<number>, v: ArrayLike<number>): number {
  return wassersteinDistanceSorted(sortedFinite(u), sortedFinite(v));
}

/**
 * Population standard deviation (ddof = 0), numpy's `np.std` default, which
 * Evidently uses even on a pandas Series (numpy passes `ddof=0` explicitly).
 * Two passes with compensated sums.
 *
 * @returns NaN for an empty array
 */
export function populationStd(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  // addCompensated's arithmetic, inlined on locals: the same result, without a
  // tuple write per element in this hot loop (it runs over every numeric column).
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < n; i++) {
    const value = values[i]!;
    const t = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? sum - t + value : value - t + sum;
    sum = t;
  }
  const mean = (sum + compensation) / n;
  let squares = 0;
  compensation = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    const value = d * d;
    const t = squares + value;
    compensation += Math.abs(squares) >= Math.abs(value) ? squares - t + value : value - t + squares;
    squares = t;
  }
  return Math.sqrt((squares + compensation) / n);
}

/**
 * Evidently's `wasserstein` drift score: W₁(reference, current) divided by
 * max(std(reference), {@link WASSERSTEIN_MIN_STD}), std with ddof = 0. Drift
 * when the score is ≥ the threshold (default 0.1).
 *
 * @param reference - sorted ascending, non-empty
 * @param current - sorted ascending, non-empty
 */
export function normalizedWassersteinSorted(reference: Float64Array, current: Float64Array): number {
  const norm = Math.max(populationStd(reference), WASSERSTEIN_MIN_STD);
  return wassersteinDistanceSorted(reference, current) / norm;
}
