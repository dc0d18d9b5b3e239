import { histogramCounts, linspace, sturgesBinEdges } from './binning';
import { compareCategories, type CategoryCounts } from './category-counts';
import { populationStd } from './wasserstein';

/**
 * What a report needs to draw one column's reference and current
 * distributions side by side. Both sides of a column share the same bins or
 * the same category list, in the same order. Plain numbers and strings only,
 * so a result is JSON-serialisable as is.
 */
export type ColumnSummary = HistogramSummary | CategorySummary;

/** A numeric column: a histogram over bins shared by both sides, plus basic statistics. */
export interface HistogramSummary {
  readonly kind: 'histogram';
  /** Values counted (non-null, finite). */
  readonly rows: number;
  /** Values dropped as null, NaN or ±Infinity. */
  readonly missing: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Population standard deviation (ddof = 0). */
  readonly std: number;
  /** Bin edges, ascending (bins + 1 values), identical for reference and current. */
  readonly binEdges: readonly number[];
  /** Values per bin; bin i is [edgeᵢ, edgeᵢ₊₁), the last bin closed. */
  readonly counts: readonly number[];
}

/** A categorical column: counts of the most common categories, the rest folded into "other". */
export interface CategorySummary {
  readonly kind: 'categories';
  /** Values counted (non-null). */
  readonly rows: number;
  /** Values dropped as null. */
  readonly missing: number;
  /** Category labels (`String(value)`), most common first over both sides; identical for reference and current. */
  readonly categories: readonly string[];
  /** Rows per category, aligned with `categories`; 0 where a category occurs only on the other side. */
  readonly counts: readonly number[];
  /** Rows in the categories left out of `categories`. */
  readonly otherCount: number;
  /** How many categories were folded into `otherCount`. */
  readonly otherCategories: number;
}

/** Categories listed one by one before the rest is folded into "other". */
export const DEFAULT_MAX_CATEGORIES = 20;

/** Options for the summaries. */
export interface SummaryOptions {
  /** For categoricals: list at most this many categories, fold the rest into "other". @default 20 */
  readonly maxCategories?: number;
  /** For numerics: equal-width bins over the pooled range; omitted = Sturges' rule on the pooled data. */
  readonly histogramBins?: number;
}

function mean(values: Float64Array): number {
  let sum = 0;
  let compensation = 0;
  for (const v of values) {
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return (sum + compensation) / values.length;
}

function histogramSide(sorted: Float64Array, missing: number, edges: Float64Array): HistogramSummary {
  return {
    kind: 'histogram',
    rows: sorted.length,
    missing,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    mean: mean(sorted),
    std: populationStd(sorted),
    binEdges: Array.from(edges),
    counts: Array.from(histogramCounts(sorted, edges)),
  };
}

/**
 * Histograms of both sides over the same bins: Sturges' rule on the pooled
 * data by default (as `np.histogram_bin_edges(…, bins='sturges')`), or
 * `histogramBins` equal-width bins over the pooled range.
 *
 * @param reference - ascending, finite, non-empty
 * @param current - ascending, finite, non-empty
 */
export function numericSummaries(
  reference: { readonly sorted: Float64Array; readonly dropped: number },
  current: { readonly sorted: Float64Array; readonly dropped: number },
  integerValued: boolean,
  options: SummaryOptions = {},
): { reference: HistogramSummary; current: HistogramSummary } {
  let edges: Float64Array;
  if (options.histogramBins === undefined) {
    edges = sturgesBinEdges(reference.sorted, current.sorted, integerValued);
  } else {
    const a = reference.sorted;
    const b = current.sorted;
    let lo = Math.min(a[0]!, b[0]!);
    let hi = Math.max(a[a.length - 1]!, b[b.length - 1]!);
    if (lo === hi) {
      lo -= 0.5;
      hi += 0.5;
    }
    edges = linspace(lo, hi, options.histogramBins + 1);
  }
  return {
    reference: histogramSide(reference.sorted, reference.dropped, edges),
    current: histogramSide(current.sorted, current.dropped, edges),
  };
}

/**
 * Category counts of both sides over the union of categories. Categories are
 * ranked by reference share + current share (so both sides weigh the same,
 * whatever their sizes), ties in Python's sort order; the first
 * `maxCategories` are listed and the rest folded into `otherCount`.
 */
export function categoricalSummaries(
  counts: CategoryCounts,
  missing: { readonly reference: number; readonly current: number },
  options: SummaryOptions = {},
): { reference: CategorySummary; current: CategorySummary } {
  const maxCategories = options.maxCategories ?? DEFAULT_MAX_CATEGORIES;
  const k = counts.keys.length;
  const weight = (i: number): number =>
    counts.reference[i]! / counts.referenceTotal + counts.current[i]! / counts.currentTotal;
  const order = Array.from({ length: k }, (_, i) => i).sort(
    (a, b) => weight(b) - weight(a) || compareCategories(counts.keys[a]!, counts.keys[b]!),
  );
  const shown = order.slice(0, maxCategories);
  const categories = shown.map((i) => String(counts.keys[i]));
  const side = (values: Float64Array, total: number, dropped: number): CategorySummary => {
    const shownCounts = shown.map((i) => values[i]!);
    const shownTotal = shownCounts.reduce((s, c) => s + c, 0);
    return {
      kind: 'categories',
      rows: total,
      missing: dropped,
      categories,
      counts: shownCounts,
      otherCount: total - shownTotal,
      otherCategories: k - shown.length,
    };
  };
  return {
    reference: side(counts.reference, counts.referenceTotal, missing.reference),
    current: side(counts.current, counts.currentTotal, missing.current),
  };
}
