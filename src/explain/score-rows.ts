/**
 * Scores rows that are generated on the fly (coalition × background hybrids),
 * in large chunks: one reusable Float32Array is filled with a chunk's rows and
 * handed to the model's own `predictProbabilities` (one forward pass per chunk,
 * inside `tf.tidy`), so memory stays at one chunk however many rows there are
 * and the per-call overhead of tfjs is paid once per tens of thousands of rows.
 */
import type * as tf from '@tensorflow/tfjs';
import { predictProbabilities } from '../model/predict';

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
  model: tf.LayersModel,
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
    out.set(predictProbabilities(model, matrix, count), start);
  }
  return out;
}
