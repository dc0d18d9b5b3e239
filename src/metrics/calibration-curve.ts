import { MetricInputError } from './errors';
import { validateLabelsAndProbabilities } from './validate-inputs';

/** One non-empty bin of a reliability diagram. */
export interface CalibrationBin {
  /** Bin index, 0 … nBins − 1. */
  readonly bin: number;
  /** Lower edge; the bin holds probabilities in (lower, upper], the first bin also lower itself. */
  readonly lower: number;
  /** Upper edge. */
  readonly upper: number;
  /** Rows whose predicted probability falls in the bin (≥ 1). */
  readonly count: number;
  /** Mean predicted probability in the bin (x of the reliability diagram; sklearn's `prob_pred`). */
  readonly meanPredicted: number;
  /** Fraction of the bin's rows labelled 1 (y of the reliability diagram; sklearn's `prob_true`). */
  readonly fractionPositive: number;
}

/**
 * Number of calibration bins when none is given. (scikit-learn's own default
 * for `calibration_curve` is 5; ten bins of width 0.1 read more naturally.)
 */
export const DEFAULT_CALIBRATION_BINS = 10;

/**
 * Reliability-diagram bins like scikit-learn's
 * `calibration_curve(labels, probabilities, n_bins, strategy='uniform')`,
 * plus each bin's edges and row count; empty bins are left out, as
 * scikit-learn leaves them out.
 *
 * Binning repeats scikit-learn's exactly: edges are `numpy.linspace(0, 1,
 * nBins + 1)` (i.e. `i · (1 / nBins)`, so the fourth edge of ten is
 * 0.30000000000000004), and a probability goes to the number of inner edges
 * strictly below it (`numpy.searchsorted(..., side='left')`), which makes bins
 * closed on the right: 0.5 lands in bin 4, [0.4, 0.5].
 *
 * @param labels - 0/1 ground truth
 * @param probabilities - predicted probability of class 1, each in [0, 1]
 * @param nBins - number of equal-width bins, a positive integer; defaults to {@link DEFAULT_CALIBRATION_BINS} (10)
 * @throws {@link MetricInputError} on bad labels or probabilities, or when nBins is not a positive integer
 */
export function calibrationCurve(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  nBins: number = DEFAULT_CALIBRATION_BINS,
): CalibrationBin[] {
  validateLabelsAndProbabilities('calibrationCurve', labels, probabilities);
  if (!Number.isInteger(nBins) || nBins < 1) {
    throw new MetricInputError(
      `calibrationCurve: nBins must be a positive integer, got ${nBins}`,
      'calibrationCurve',
      'nBins',
    );
  }
  const step = 1 / nBins;
  const edges = Array.from({ length: nBins + 1 }, (_, i) => (i === nBins ? 1 : i * step));
  const counts = new Float64Array(nBins);
  const predictedSums = new Float64Array(nBins);
  const positiveSums = new Float64Array(nBins);
  for (let i = 0; i < labels.length; i++) {
    const p = probabilities[i]!;
    const bin = innerEdgesBelow(edges, p);
    counts[bin]!++;
    // Sequential sums in row order, as numpy.bincount accumulates its weights.
    predictedSums[bin]! += p;
    positiveSums[bin]! += labels[i]!;
  }
  const bins: CalibrationBin[] = [];
  for (let b = 0; b < nBins; b++) {
    const count = counts[b]!;
    if (count === 0) continue;
    bins.push({
      bin: b,
      lower: edges[b]!,
      upper: edges[b + 1]!,
      count,
      meanPredicted: predictedSums[b]! / count,
      fractionPositive: positiveSums[b]! / count,
    });
  }
  return bins;
}

/** Number of inner edges (`edges[1 … n−1]`) strictly below `p`, by binary search. */
function innerEdgesBelow(edges: readonly number[], p: number): number {
  let lo = 1;
  let hi = edges.length - 1; // exclusive: the last edge (1) is not an inner edge
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! < p) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
