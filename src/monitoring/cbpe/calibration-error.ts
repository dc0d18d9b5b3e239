/**
 * The expected calibration error (ECE) as NannyML computes it to decide
 * whether scores need calibrating: rows sorted by score, cut into equal-count
 * bins, and the count-weighted mean of |mean score − observed positive rate|.
 */

/**
 * NannyML's `_get_bin_index_edges`: `[start, end)` row ranges of `bins`
 * equal-width bins over `length` sorted rows; the last bin takes the
 * remainder (so there can be one bin more than asked when `length` is not a
 * multiple). With `length <= 2 * bins`, `length / 2` bins of 2.
 *
 * @throws RangeError when fewer than 2 bins are possible
 */
export function binIndexEdges(length: number, bins: number): Array<[number, number]> {
  let count = bins;
  if (length <= 2 * count) {
    count = Math.floor(length / 2);
    if (count < 2) {
      throw new RangeError(
        `cannot split ${length} rows into at least 2 calibration bins; more rows are needed`,
      );
    }
  }
  const width = Math.floor(length / count);
  const edges: number[] = [];
  for (let e = 0; e <= length; e += width) edges.push(e);
  edges[edges.length - 1] = length;
  return edges.slice(1).map((end, i) => [edges[i]!, end]);
}

/**
 * Expected calibration error over the given bins. Rows are sorted by score
 * with a stable sort (NannyML uses numpy's default argsort, whose order of
 * tied scores depends on the CPU's sort kernel; with a stable sort the result
 * is the same everywhere).
 */
export function expectedCalibrationError(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  edges: ReadonlyArray<readonly [number, number]>,
): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]! || a - b);
  let ece = 0;
  for (const [start, end] of edges) {
    let sumScore = 0;
    let sumLabel = 0;
    for (let k = start; k < end; k++) {
      sumScore += scores[order[k]!]!;
      sumLabel += labels[order[k]!]!;
    }
    const size = end - start;
    ece += (size / n) * Math.abs(sumScore / size - sumLabel / size);
  }
  return ece;
}
