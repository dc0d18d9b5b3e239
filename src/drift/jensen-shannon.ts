import { binnedShares, type BinningInput } from './binning';

/**
 * Kullback–Leibler term x·ln(x/y) with scipy's `rel_entr` conventions:
 * 0 when x = 0 and y ≥ 0, +Infinity when x > 0 and y = 0.
 */
function relativeEntropy(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

/**
 * Jensen–Shannon distance between two discrete distributions, scipy's
 * `spatial.distance.jensenshannon(p, q)` with its default natural logarithm
 * (Evidently passes `base=None`): both vectors are normalised to sum 1, then
 * √((KL(p‖m) + KL(q‖m)) / 2) with m = (p + q)/2. The result lies in [0, √ln 2].
 *
 * @param p - non-negative weights, not all zero
 * @param q - non-negative weights, same length as `p`, not all zero
 * @throws RangeError when the lengths differ
 */
export function jensenShannonDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) {
    throw new RangeError(`jensenShannonDistance: p has ${p.length} entries, q has ${q.length}`);
  }
  let sumP = 0;
  let sumQ = 0;
  for (let i = 0; i < p.length; i++) {
    sumP += p[i]!;
    sumQ += q[i]!;
  }
  let left = 0;
  let right = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]! / sumP;
    const qi = q[i]! / sumQ;
    const m = (pi + qi) / 2;
    left += relativeEntropy(pi, m);
    right += relativeEntropy(qi, m);
  }
  return Math.sqrt((left + right) / 2);
}

/**
 * Evidently's `jensenshannon` drift score: the Jensen–Shannon distance between
 * the binned shares of reference and current ({@link binnedShares} without
 * filling empty bins: Evidently's `_jensenshannon` passes `feel_zeroes=False`).
 * Drift when the score is ≥ the threshold (default 0.1).
 */
export function jensenShannonDrift(input: BinningInput): number {
  const { reference, current } = binnedShares(input, false);
  return jensenShannonDistance(reference, current);
}
