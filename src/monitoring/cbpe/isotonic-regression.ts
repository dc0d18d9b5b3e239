/**
 * scikit-learn's `IsotonicRegression(out_of_bounds="clip", increasing=True)`,
 * the calibrator NannyML's CBPE uses: fit on (score, label) pairs, predict by
 * linear interpolation between the fitted points, clipped to the fitted range.
 *
 * Hand-written rather than taken from npm because what matters is agreement
 * with scikit-learn down to its details: duplicate scores are merged first
 * (scikit-learn's `_make_unique`), the pooling is scipy's PAVA (Busing 2022,
 * which scikit-learn calls since scipy 1.12), interior points of flat steps
 * are dropped, and prediction is numpy's `interp`. Pinned to scikit-learn 1.9
 * by the CBPE reference fixture.
 */

/** A fitted isotonic calibrator: increasing step points to interpolate between. */
export interface IsotonicFit {
  /** Ascending scores of the kept points. */
  readonly x: readonly number[];
  /** Calibrated value at each of `x` (non-decreasing). */
  readonly y: readonly number[];
}

// numpy's finfo(float64).resolution: scores closer than this count as one (scikit-learn's _make_unique).
const FLOAT64_RESOLUTION = 1e-15;

/**
 * Pool-adjacent-violators on `values` with `weights`, in place: the
 * non-decreasing sequence closest to `values` in weighted least squares
 * (Busing's O(n) algorithm as scipy implements it, with blocks merged on ties
 * too, so equal neighbours form one block).
 */
export function poolAdjacentViolators(values: number[], weights: number[]): number[] {
  const n = values.length;
  if (n === 0) return values;
  const blockEnd = new Array<number>(n + 1);
  blockEnd[0] = 0;
  blockEnd[1] = 1;
  let block = 0;
  let previousValue = values[0]!;
  let previousWeight = weights[0]!;
  for (let i = 1; i < n; i++) {
    block++;
    let value = values[i]!;
    let weight = weights[i]!;
    if (previousValue >= value) {
      // A violation downwards: pool with the previous block, then absorb what follows and precedes.
      block--;
      let sum = previousWeight * previousValue + weight * value;
      weight += previousWeight;
      value = sum / weight;
      while (i < n - 1 && value >= values[i + 1]!) {
        i++;
        sum += weights[i]! * values[i]!;
        weight += weights[i]!;
        value = sum / weight;
      }
      while (block > 0 && values[block - 1]! >= value) {
        block--;
        sum += weights[block]! * values[block]!;
        weight += weights[block]!;
        value = sum / weight;
      }
    }
    values[block] = previousValue = value;
    weights[block] = previousWeight = weight;
    blockEnd[block + 1] = i + 1;
  }
  // Expand the blocks back over the elements, last block first.
  let from = n - 1;
  for (let k = block; k >= 0; k--) {
    const to = blockEnd[k]!;
    const value = values[k]!;
    for (let i = from; i >= to; i--) values[i] = value;
    from = to - 1;
  }
  return values;
}

/**
 * Fits the calibrator on scores and 0/1 labels (unit weights).
 *
 * @throws RangeError when the inputs are empty or of different lengths
 */
export function fitIsotonic(scores: ArrayLike<number>, labels: ArrayLike<number>): IsotonicFit {
  const n = scores.length;
  if (n === 0 || labels.length !== n) {
    throw new RangeError(
      `isotonic regression needs equally long, non-empty inputs (got ${n} and ${labels.length})`,
    );
  }
  // np.lexsort((y, X)): by score, then by label.
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => scores[a]! - scores[b]! || labels[a]! - labels[b]! || a - b,
  );
  // _make_unique: one point per distinct score, its label the mean over the duplicates.
  const xs: number[] = [];
  const means: number[] = [];
  const counts: number[] = [];
  let currentX = scores[order[0]!]!;
  let sum = 0;
  let count = 0;
  for (const i of order) {
    const x = scores[i]!;
    if (x - currentX >= FLOAT64_RESOLUTION) {
      xs.push(currentX);
      counts.push(count);
      means.push(sum / count);
      currentX = x;
      count = 1;
      sum = labels[i]!;
    } else {
      count += 1;
      sum += labels[i]!;
    }
  }
  xs.push(currentX);
  counts.push(count);
  means.push(sum / count);

  const fitted = poolAdjacentViolators(means, counts);
  // Keep the first and last point and every point where the value changes on either side.
  const keptX: number[] = [];
  const keptY: number[] = [];
  for (let i = 0; i < fitted.length; i++) {
    const interior = i > 0 && i < fitted.length - 1;
    if (!interior || fitted[i] !== fitted[i - 1] || fitted[i] !== fitted[i + 1]) {
      keptX.push(xs[i]!);
      keptY.push(fitted[i]!);
    }
  }
  return { x: keptX, y: keptY };
}

/** Calibrates one score: clipped to the fitted range, then numpy's `interp` between the fitted points. */
export function predictIsotonicOne(fit: IsotonicFit, score: number): number {
  const { x, y } = fit;
  const last = x.length - 1;
  if (last === 0) return y[0]!;
  const clipped = Math.min(Math.max(score, x[0]!), x[last]!);
  if (clipped === x[last]) return y[last]!;
  // The j with x[j] <= clipped < x[j + 1].
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (x[mid]! <= clipped) lo = mid;
    else hi = mid;
  }
  if (x[lo] === clipped) return y[lo]!;
  const slope = (y[lo + 1]! - y[lo]!) / (x[lo + 1]! - x[lo]!);
  return slope * (clipped - x[lo]!) + y[lo]!;
}

/** Calibrates every score. */
export function predictIsotonic(fit: IsotonicFit, scores: ArrayLike<number>): Float64Array {
  const out = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) out[i] = predictIsotonicOne(fit, scores[i]!);
  return out;
}
