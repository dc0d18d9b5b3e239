/**
 * The numeric input of the match model: one row per (client, lawyer) pair, one
 * column per engineered feature, stored row-major in a single `Float32Array` so
 * that it can be handed to TensorFlow.js (which wants float32, row-major) without
 * another copy, and sliced into batches with `subarray`.
 */
export interface FeatureMatrix {
  /** Row-major values: the feature `j` of row `i` is `values[i * featureCount + j]`. */
  readonly values: Float32Array;
  /** Number of rows. */
  readonly rowCount: number;
  /** Number of features per row (`featureNames.length`). */
  readonly featureCount: number;
  /** Feature names, in column order. */
  readonly featureNames: readonly string[];
  /**
   * The 0/1 labels, one per row, when the source table had the label column;
   * empty (length 0) when it did not, as at serving time.
   */
  readonly labels: Float32Array;
}

/**
 * Checks that a matrix's arrays agree with its declared shape and, when
 * `requireLabels` is set, that it carries one 0/1 label per row.
 *
 * @param name - how the matrix is named in the error (e.g. `validation`)
 * @throws Error naming the matrix and the field that does not fit
 */
export function assertFeatureMatrix(matrix: FeatureMatrix, name: string, requireLabels: boolean): void {
  const { values, rowCount, featureCount, featureNames, labels } = matrix;
  if (!Number.isInteger(rowCount) || rowCount < 0)
    throw new Error(`${name}.rowCount must be a non-negative integer, got ${rowCount}`);
  if (featureNames.length !== featureCount) {
    throw new Error(
      `${name}.featureNames has ${featureNames.length} names but featureCount is ${featureCount}`,
    );
  }
  if (values.length !== rowCount * featureCount) {
    throw new Error(
      `${name}.values has ${values.length} entries, expected rowCount × featureCount = ${rowCount * featureCount}`,
    );
  }
  if (!requireLabels) return;
  if (labels.length !== rowCount)
    throw new Error(`${name}.labels has ${labels.length} entries, expected ${rowCount}`);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) throw new Error(`${name}.labels[${i}] must be 0 or 1, got ${y}`);
  }
}
