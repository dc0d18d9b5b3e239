import * as tf from '@tensorflow/tfjs';
import type { FeatureMatrix } from '../features/feature-matrix';

/**
 * Predicted match probabilities, one per row of `matrix`.
 *
 * Batches are copied into tensors from `subarray` views (no JS copy) and each
 * batch runs inside `tf.tidy`, so input, activations and output are released
 * before the next batch: memory stays at one batch however many rows there are.
 *
 * @param batchSize - rows per forward pass; larger is faster until memory bites
 * @throws Error when the matrix's feature count differs from the model's input width
 */
export function predictProbabilities(
  model: tf.LayersModel,
  matrix: FeatureMatrix,
  batchSize = 4096,
): Float32Array {
  const expected = model.inputs[0]?.shape[1];
  if (expected !== matrix.featureCount) {
    throw new Error(
      `predictProbabilities: model expects ${expected} features, matrix has ${matrix.featureCount}`,
    );
  }
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const { rowCount, featureCount, values } = matrix;
  const out = new Float32Array(rowCount);
  for (let start = 0; start < rowCount; start += batchSize) {
    const end = Math.min(rowCount, start + batchSize);
    const batch = tf.tidy(() => {
      const x = tf.tensor2d(values.subarray(start * featureCount, end * featureCount), [
        end - start,
        featureCount,
      ]);
      // One forward pass per batch: predict's own default (32 rows) would slice
      // the batch again, and the wasm backend's slice copies its whole input.
      return (model.predict(x, { batchSize: end - start }) as tf.Tensor).dataSync();
    });
    out.set(batch, start);
  }
  return out;
}
