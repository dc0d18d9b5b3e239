/**
 * Scores rows that are generated on the fly (coalition × background hybrids),
 * in large chunks: one reusable Float32Array is filled with a chunk's rows and
 * handed to the version's own forward pass (`predictProbabilities`, batches in
 * `tf.tidy`), so memory stays at one chunk however many rows there are and the
 * per-call overhead is paid once per tens of thousands of rows.
 */
import type * as tf from '@tensorflow/tfjs';
import type { FeatureMatrix } from '../features/feature-matrix';
import { predictProbabilities } from '../model/predict';

/**
 * A model version's forward pass: the match probability of every row of an
 * encoded matrix. `VersionScorer.predict` (src/pipeline/version-scorer.ts) is
 * one — the path evaluation and serving score with — and {@link modelPredictor}
 * makes one from a loaded tfjs model.
 */
export type MatrixPredictor = (matrix: FeatureMatrix) => Float32Array;

/** The forward pass of a loaded tfjs model, one pass per matrix (chunks are already sized for it). */
export function modelPredictor(model: tf.LayersModel): MatrixPredictor {
  return (matrix) => predictProbabilities(model, matrix, Math.max(1, matrix.rowCount));
}

/** Rows per forward pass: about 6 MB of input for the 52-feature model. */
export const SCORE_CHUNK_ROWS = 32_768;

/**
 * Writes rows `start … start + count − 1` into `out` (row-major, `featureCount`
 * floats per row, starting at index 0 of `out`).
 */
export type RowWriter = (start: number, count: number, out: Float32Array) => void;

/**
 * The model's probability for each of `rowCount` generated rows.
 *
 * @param featureNames - the model's feature names (their count is the row width)
 */
export function scoreGeneratedRows(
  predict: MatrixPredictor,
  featureNames: readonly string[],
  rowCount: number,
  write: RowWriter,
  chunkRows: number = SCORE_CHUNK_ROWS,
): Float32Array {
  const featureCount = featureNames.length;
  const out = new Float32Array(rowCount);
  const buffer = new Float32Array(Math.min(chunkRows, Math.max(rowCount, 1)) * featureCount);
  for (let start = 0; start < rowCount; start += chunkRows) {
    const count = Math.min(chunkRows, rowCount - start);
    const values = buffer.subarray(0, count * featureCount);
    write(start, count, values);
    const matrix = { values, rowCount: count, featureCount, featureNames, labels: new Float32Array(0) };
    out.set(predict(matrix), start);
  }
  return out;
}
