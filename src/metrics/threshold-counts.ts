import { validateLabelsAndScores } from './validate-inputs';

/**
 * Cumulative confusion counts at every distinct score, the common basis of the
 * ROC and precision–recall curves and their areas (scikit-learn's
 * `confusion_matrix_at_thresholds`, formerly `_binary_clf_curve`).
 *
 * Entry `k` describes the classifier "positive when score >= thresholds[k]".
 */
export interface ThresholdCounts {
  /** Distinct scores, strictly decreasing. */
  readonly thresholds: Float64Array;
  /** True positives (positives with score >= `thresholds[k]`), non-decreasing. */
  readonly tps: Float64Array;
  /** False positives (negatives with score >= `thresholds[k]`), non-decreasing. */
  readonly fps: Float64Array;
  /** Number of rows labelled 1. */
  readonly positives: number;
  /** Number of rows labelled 0. */
  readonly negatives: number;
}

/**
 * Counts true and false positives at every distinct score, in O(n log n).
 *
 * Why not sort an index array with a comparator: on 1M rows that takes ~0.4 s
 * in V8, while `Float64Array#sort()` without a comparator (a native numeric
 * sort) takes ~0.1 s. Labels are only 0 or 1, so sorting the positives' and
 * the negatives' scores separately and merging them loses nothing.
 *
 * @param labels - 0/1 ground truth
 * @param scores - finite scores, higher meaning "more likely positive"
 * @throws {@link MetricInputError} on mismatched lengths, empty input, non-0/1 labels or non-finite scores
 */
export function thresholdCounts(labels: ArrayLike<number>, scores: ArrayLike<number>): ThresholdCounts {
  validateLabelsAndScores('thresholdCounts', labels, scores);
  return countsFromValidated(labels, scores);
}

/** {@link thresholdCounts} without validation, for callers that validated already. */
export function countsFromValidated(labels: ArrayLike<number>, scores: ArrayLike<number>): ThresholdCounts {
  const n = labels.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i]!;
  const negatives = n - positives;
  const pos = new Float64Array(positives);
  const neg = new Float64Array(negatives);
  for (let i = 0, p = 0, q = 0; i < n; i++) {
    // `+ 0` turns -0 into +0: the typed-array sort orders -0 before +0 although
    // they compare equal, which would split one tie group into two.
    const score = scores[i]! + 0;
    if (labels[i] === 1) pos[p++] = score;
    else neg[q++] = score;
  }
  pos.sort();
  neg.sort();

  const thresholds = new Float64Array(n);
  const tps = new Float64Array(n);
  const fps = new Float64Array(n);
  let groups = 0;
  let tp = 0;
  let fp = 0;
  // Walk both ascending arrays from their ends, i.e. by decreasing score, and
  // close one group per distinct score value.
  let i = positives - 1;
  let j = negatives - 1;
  while (i >= 0 || j >= 0) {
    const nextPos = i >= 0 ? pos[i]! : -Infinity;
    const nextNeg = j >= 0 ? neg[j]! : -Infinity;
    const value = nextPos >= nextNeg ? nextPos : nextNeg;
    while (i >= 0 && pos[i] === value) {
      tp++;
      i--;
    }
    while (j >= 0 && neg[j] === value) {
      fp++;
      j--;
    }
    thresholds[groups] = value;
    tps[groups] = tp;
    fps[groups] = fp;
    groups++;
  }
  return {
    thresholds: thresholds.subarray(0, groups),
    tps: tps.subarray(0, groups),
    fps: fps.subarray(0, groups),
    positives,
    negatives,
  };
}
