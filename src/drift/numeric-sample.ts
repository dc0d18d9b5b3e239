/**
 * A numeric column prepared once for every statistic: finite values only, in
 * ascending order, in a typed array. KS, Wasserstein, value counts and
 * histograms all walk these sorted arrays, so each column is sorted once.
 */
export interface NumericSample {
  /** The finite values, ascending. */
  readonly sorted: Float64Array;
  /** How many input values were dropped as null, NaN or ±Infinity. */
  readonly dropped: number;
}

/** Where the first non-numeric value of an input is, if any. */
export interface NonNumericValue {
  readonly index: number;
  readonly value: unknown;
}

/**
 * Keeps the finite values of `values` and sorts them.
 *
 * Null, undefined, NaN and ±Infinity are dropped, as Evidently does before
 * every drift test (`replace([-inf, inf], nan).dropna()` in
 * `get_one_column_drift`), and counted in `dropped`.
 *
 * @param values - the column; a typed array is copied, never modified
 * @param onNonNumeric - called with the first value that is not a number (e.g. a string); the
 *   value is then dropped like a null. Callers use it to raise an error that names the column.
 */
export function toNumericSample(
  values: ArrayLike<number>,
  onNonNumeric?: (problem: NonNumericValue) => void,
): NumericSample {
  const n = values.length;
  const out = new Float64Array(n);
  let kept = 0;
  let reported = false;
  for (let i = 0; i < n; i++) {
    // Runtime check: arquero columns hold null for missing cells whatever the declared type.
    const v = values[i] as unknown;
    if (typeof v === 'number') {
      if (Number.isFinite(v)) out[kept++] = v;
    } else if (v !== null && v !== undefined && !reported && onNonNumeric) {
      reported = true;
      onNonNumeric({ index: i, value: v });
    }
  }
  const sorted = kept === n ? out : out.slice(0, kept);
  sortAscending(sorted);
  return { sorted, dropped: n - kept };
}

/** Integer columns spanning at most this many values are sorted by counting. */
const COUNTING_SORT_MAX_RANGE = 1 << 16;

/**
 * Sorts finite values ascending, in place. Integer-valued data over a small
 * range (ages, years, counts: most numeric columns here) is sorted by counting,
 * O(n + range) instead of O(n log n): about 4× faster on a million values. The
 * result is the same array of values, except that −0 comes back as +0 (equal
 * to it in every comparison and statistic).
 */
function sortAscending(values: Float64Array): void {
  const n = values.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v)) {
      values.sort();
      return;
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n < 1024 || max - min >= COUNTING_SORT_MAX_RANGE) {
    values.sort();
    return;
  }
  const counts = new Uint32Array(max - min + 1);
  for (let i = 0; i < n; i++) counts[values[i]! - min]!++;
  let at = 0;
  for (let k = 0; k < counts.length; k++) {
    const count = counts[k]!;
    if (count > 0) values.fill(min + k, at, at + count);
    at += count;
  }
}

/** Sorts a copy of the finite values of `values` (see {@link toNumericSample}). */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  return toNumericSample(values).sorted;
}

/** Number of distinct values in an ascending array. */
export function countDistinctSorted(sorted: Float64Array): number {
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  }
  return distinct;
}

/**
 * Number of distinct values in the union of two ascending arrays, pandas'
 * `pd.concat([reference, current]).nunique()`, by one merge walk.
 */
export function countDistinctMerged(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let distinct = 0;
  while (i < a.length || j < b.length) {
    const v = Math.min(i < a.length ? a[i]! : Infinity, j < b.length ? b[j]! : Infinity);
    distinct++;
    while (i < a.length && a[i]! <= v) i++;
    while (j < b.length && b[j]! <= v) j++;
  }
  return distinct;
}

/** Index of the first element ≥ v in an ascending array (numpy `searchsorted(side='left')`). */
export function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element > v in an ascending array (numpy `searchsorted(side='right')`). */
export function upperBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
