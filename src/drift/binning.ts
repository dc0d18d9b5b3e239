import { countSortedValues, type CategoryCounts } from './category-counts';
import { countDistinctSorted, lowerBound, upperBound } from './numeric-sample';

/**
 * Binning shared by Jensen–Shannon and PSI (Evidently's `get_binned_data`) and
 * by the numeric histograms of the drift summaries.
 */

/**
 * A numeric column is binned into a histogram when its reference has more than
 * this many distinct values; otherwise every distinct value is its own bin.
 * Evidently's `get_binned_data` counts the reference alone here (`n_vals =
 * reference_data.nunique()`), not reference and current together.
 */
export const HISTOGRAM_MIN_DISTINCT = 20;

/**
 * Evidently's placeholder share for an empty bin when PSI fills zeros
 * (`feel_zeroes=True`): 0.0001, or (smallest non-zero share) / 10⁶ when that
 * share is itself ≤ 0.0001.
 */
export const EMPTY_BIN_SHARE = 0.0001;

/** What {@link binnedShares} bins: two sorted numeric samples, or category counts. */
export type BinningInput =
  | {
      readonly type: 'numeric';
      /** Reference values, ascending, finite. */
      readonly reference: Float64Array;
      /** Current values, ascending, finite. */
      readonly current: Float64Array;
      /** Whether pandas would hold the values as integers (changes Sturges' rule, see {@link sturgesBinEdges}). */
      readonly integerValued: boolean;
    }
  | { readonly type: 'categorical'; readonly counts: CategoryCounts };

/** Share of each side's rows in each bin; both arrays have one entry per bin. */
export interface BinnedShares {
  readonly reference: Float64Array;
  readonly current: Float64Array;
}

/**
 * Histogram bin edges by Sturges' rule over the pooled values of two samples,
 * exactly as `np.histogram_bin_edges(np.concatenate([a, b]), bins='sturges')`:
 *
 * - range [min, max]; a constant sample gets [v − 0.5, v + 0.5];
 * - width = (max − min) / (log₂ N + 1), raised to 1 for integer data when
 *   below 1 (numpy does so for integer dtypes); a zero width gives one bin;
 * - bins = ceil((max − min) / width), computed in floating point as numpy does
 *   (so N = 2ᵏ can give one bin more than log₂ N + 1);
 * - edges as `np.linspace`: eᵢ = i·step + min, the last edge exactly max.
 *
 * @param a - ascending, finite
 * @param b - ascending, finite
 * @param integerValued - true when numpy would see an integer dtype
 * @returns the edges (bins + 1 values), or an empty array when both samples are empty
 */
export function sturgesBinEdges(a: Float64Array, b: Float64Array, integerValued: boolean): Float64Array {
  const size = a.length + b.length;
  if (size === 0) return new Float64Array(0);
  const min = Math.min(a.length > 0 ? a[0]! : Infinity, b.length > 0 ? b[0]! : Infinity);
  const max = Math.max(
    a.length > 0 ? a[a.length - 1]! : -Infinity,
    b.length > 0 ? b[b.length - 1]! : -Infinity,
  );
  let first = min;
  let last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  let width = (max - min) / (Math.log2(size) + 1);
  let bins = 1;
  if (width !== 0) {
    if (integerValued && width < 1) width = 1;
    bins = Math.ceil((last - first) / width);
  }
  return linspace(first, last, bins + 1);
}

/** `np.linspace(start, stop, num)` with endpoint: i·step + start, the last value exactly `stop`. */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const step = (stop - start) / (num - 1);
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  if (num > 1) out[num - 1] = stop;
  return out;
}

/**
 * Counts of an ascending sample in the bins given by `edges`, like
 * `np.histogram(values, bins=edges)`: bin i holds edges[i] ≤ x < edges[i+1],
 * the last bin also holds x = its right edge, and values outside the edges
 * are not counted. Binary searches only: O(bins · log n).
 */
export function histogramCounts(sorted: Float64Array, edges: Float64Array): Float64Array {
  const bins = Math.max(edges.length - 1, 0);
  const counts = new Float64Array(bins);
  if (bins === 0) return counts;
  let previous = lowerBound(sorted, edges[0]!);
  for (let i = 0; i < bins; i++) {
    const next = i === bins - 1 ? upperBound(sorted, edges[bins]!) : lowerBound(sorted, edges[i + 1]!);
    counts[i] = next - previous;
    previous = next;
  }
  return counts;
}

/**
 * Replaces the zeros of a share vector as Evidently's `get_binned_data` does
 * when `feel_zeroes=True` (PSI): each zero becomes {@link EMPTY_BIN_SHARE}, or
 * the smallest non-zero share / 10⁶ when that share is ≤ {@link EMPTY_BIN_SHARE}.
 * The vector is not renormalised afterwards, as in Evidently. Works in place.
 */
export function fillEmptyBins(shares: Float64Array): Float64Array {
  let smallest = Infinity;
  for (const s of shares) if (s !== 0 && s < smallest) smallest = s;
  if (smallest === Infinity) return shares;
  const fill = smallest <= EMPTY_BIN_SHARE ? smallest / 10 ** 6 : EMPTY_BIN_SHARE;
  for (let i = 0; i < shares.length; i++) if (shares[i] === 0) shares[i] = fill;
  return shares;
}

function toShares(counts: Float64Array, total: number): Float64Array {
  const shares = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) shares[i] = counts[i]! / total;
  return shares;
}

/**
 * Evidently's `get_binned_data`: the share of each side's rows per bin.
 *
 * - Numeric with more than {@link HISTOGRAM_MIN_DISTINCT} distinct reference
 *   values: Sturges bins over reference and current pooled
 *   ({@link sturgesBinEdges}), counts by `np.histogram` rules.
 * - Otherwise (categorical, or numeric with few values): one bin per category
 *   or distinct value in the union of both sides.
 * - Shares are count / rows of that side; with `fillZeroes` (PSI) empty bins
 *   get {@link fillEmptyBins}; Jensen–Shannon calls it with `fillZeroes=false`.
 */
export function binnedShares(input: BinningInput, fillZeroes: boolean): BinnedShares {
  let reference: Float64Array;
  let current: Float64Array;
  if (input.type === 'numeric' && countDistinctSorted(input.reference) > HISTOGRAM_MIN_DISTINCT) {
    const edges = sturgesBinEdges(input.reference, input.current, input.integerValued);
    reference = toShares(histogramCounts(input.reference, edges), input.reference.length);
    current = toShares(histogramCounts(input.current, edges), input.current.length);
  } else {
    const counts =
      input.type === 'numeric' ? countSortedValues(input.reference, input.current) : input.counts;
    reference = toShares(counts.reference, counts.referenceTotal);
    current = toShares(counts.current, counts.currentTotal);
  }
  if (fillZeroes) {
    fillEmptyBins(reference);
    fillEmptyBins(current);
  }
  return { reference, current };
}
