/**
 * Step: batch scoring throughput — `predictProbabilities` (batches of 4096)
 * over a prepared training matrix with the production architecture, after one
 * warm-up batch, on the backend named by TFJS_BACKEND. The weights are the
 * freshly initialised ones: speed does not depend on their values.
 */
import * as tf from '@tensorflow/tfjs';
import { buildMatchModel, disposeMatchModel } from '../../src/model/architecture';
import { initTensorflowBackend } from '../../src/model/backend';
import { predictProbabilities } from '../../src/model/predict';
import { DEFAULT_TRAINING_PARAMS } from '../../src/model/training-params';
import { readMatrix } from '../lib/matrix-files';
import { runStep } from '../lib/step-io';
import { backendThreads } from '../lib/tf-threads';

/** Arguments of the step. */
export interface ScoreArgs {
  readonly matrixDir: string;
}

/** What the step prints. */
export interface ScoreResult {
  readonly backend: string;
  readonly threads: number | null;
  readonly rows: number;
  readonly scoreMs: number;
  readonly rowsPerSecond: number;
  /** Live tensors before and after scoring: equal means no leak. */
  readonly tensors: { readonly before: number; readonly after: number };
}

const BATCH = 4096;

runStep<ScoreArgs, ScoreResult>(async ({ matrixDir }) => {
  const backend = await initTensorflowBackend();
  const matrix = await readMatrix(matrixDir, 'train');
  const model = buildMatchModel(matrix.featureCount, DEFAULT_TRAINING_PARAMS);
  const warmUp = {
    ...matrix,
    rowCount: BATCH,
    values: matrix.values.subarray(0, BATCH * matrix.featureCount),
  };
  predictProbabilities(model, warmUp, BATCH);
  const before = tf.memory().numTensors;
  const t0 = performance.now();
  const p = predictProbabilities(model, matrix, BATCH);
  const scoreMs = performance.now() - t0;
  const after = tf.memory().numTensors;
  disposeMatchModel(model);
  if (p.length !== matrix.rowCount) throw new Error('predictProbabilities returned the wrong length');
  return {
    backend,
    threads: await backendThreads(backend),
    rows: matrix.rowCount,
    scoreMs,
    rowsPerSecond: matrix.rowCount / (scoreMs / 1000),
    tensors: { before, after },
  };
});
