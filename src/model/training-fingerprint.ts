/**
 * The identity of a training run, stored in its checkpoints: a checkpoint is
 * resumed only by a run that would have produced it. It covers the model
 * topology (architecture version, layer configs, seeds), the feature count and
 * names, every training parameter, and a SHA-256 of the training and
 * validation values and labels — so a retry on changed data starts afresh
 * instead of continuing from weights fitted to other rows. Hashing 1M × 52
 * float32 values takes well under a second.
 */
import { createHash } from 'node:crypto';
import type * as tf from '@tensorflow/tfjs';
import type { FeatureMatrix } from '../features/feature-matrix';
import { ARCHITECTURE_VERSION } from './architecture';
import { CHECKPOINT_FORMAT_VERSION } from './checkpoint';
import type { TrainingParams } from './training-params';

function bytesOf(array: Float32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** Hex SHA-256 identifying (model topology, params, train and validation data). */
export function trainingFingerprint(
  model: tf.LayersModel,
  params: TrainingParams,
  train: FeatureMatrix,
  validation: FeatureMatrix,
): string {
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify({
      checkpointFormat: CHECKPOINT_FORMAT_VERSION,
      architecture: ARCHITECTURE_VERSION,
      topology: model.toJSON(undefined, false),
      featureNames: train.featureNames,
      params,
    }),
  );
  for (const matrix of [train, validation]) {
    hash.update(`|${matrix.rowCount}x${matrix.featureCount}|`);
    hash.update(bytesOf(matrix.values));
    hash.update(bytesOf(matrix.labels));
  }
  return hash.digest('hex');
}
