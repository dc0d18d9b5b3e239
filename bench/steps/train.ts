/**
 * Step: trains the production architecture with `trainMatchModel` — the
 * retrain's own trainer, with per-epoch validation, checkpoints and early
 * stopping — on a prepared matrix folder, with the backend named by
 * TFJS_BACKEND. Default parameters; `epochs` turns it into a fixed-epoch run
 * (patience = epochs, so nothing stops early). Also records
 * `tf.memory().numTensors` after every epoch: flat means no leak.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initTensorflowBackend, parseTrainingParams, trainMatchModel } from '../../src/model';
import { readMatrix } from '../lib/matrix-files';
import { runStep } from '../lib/step-io';
import { backendThreads } from '../lib/tf-threads';

/** Arguments of the step. */
export interface TrainArgs {
  readonly matrixDir: string;
  /** Fixed number of epochs; omitted: default parameters (up to 40, early stopping). */
  readonly epochs?: number;
}

/** What the step prints. */
export interface TrainResult {
  readonly backend: string;
  readonly threads: number | null;
  readonly trainRows: number;
  readonly features: number;
  readonly fixedEpochs: boolean;
  readonly epochs: number;
  readonly bestEpoch: number;
  readonly trainMs: number;
  /** CPU time (user + system) of the process while training: less sensitive to a busy machine than wall time. */
  readonly trainCpuMs: number;
  readonly samplesPerSecond: number;
  /** Wall time of each epoch (fit, validation scoring, checkpoint). */
  readonly epochMs: number[];
  readonly bestValRocAuc: number | null;
  /** Live tensors after each epoch, and before and after the whole run. */
  readonly tensors: { readonly before: number; readonly perEpoch: number[]; readonly after: number };
}

runStep<TrainArgs, TrainResult>(async ({ matrixDir, epochs }) => {
  const backend = await initTensorflowBackend();
  const train = await readMatrix(matrixDir, 'train');
  const validation = await readMatrix(matrixDir, 'validation');
  const params = parseTrainingParams(epochs === undefined ? {} : { epochs, patience: epochs });
  const checkpointDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-ckpt-'));
  const before = tf.memory().numTensors;
  const perEpoch: number[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await trainMatchModel({
    train,
    validation,
    params,
    checkpointDir,
    onEpoch: () => void perEpoch.push(tf.memory().numTensors),
  });
  const trainMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  result.model.dispose();
  await fs.rm(checkpointDir, { recursive: true, force: true });
  const elapsed = result.history.map((h) => h.elapsedMs);
  return {
    backend,
    threads: await backendThreads(backend),
    trainRows: train.rowCount,
    features: train.featureCount,
    fixedEpochs: epochs !== undefined,
    epochs: result.history.length,
    bestEpoch: result.bestEpoch,
    trainMs,
    trainCpuMs: (cpu.user + cpu.system) / 1000,
    samplesPerSecond: (train.rowCount * result.history.length) / (trainMs / 1000),
    epochMs: elapsed.map((e, i) => e - (i === 0 ? 0 : elapsed[i - 1]!)),
    bestValRocAuc: result.history.find((h) => h.epoch === result.bestEpoch)?.valRocAuc ?? null,
    tensors: { before, perEpoch, after: tf.memory().numTensors },
  };
});
