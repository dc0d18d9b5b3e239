import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { rocAuc } from '../metrics/roc-auc';
import { initTensorflowBackend } from './backend';
import { CHECKPOINT_FILE } from './checkpoint';
import type { EpochProgress } from './epoch-progress';
import { TrainingDataError } from './errors';
import { predictProbabilities } from './predict';
import { syntheticFeatureMatrix } from './synthetic-matrix';
import { trainMatchModel, type TrainMatchModelOptions, type TrainingResult } from './train';
import { parseTrainingParams } from './training-params';

const train = syntheticFeatureMatrix(1500, 8, 1);
const validation = syntheticFeatureMatrix(600, 8, 2);
const params = parseTrainingParams({ epochs: 6, batchSize: 64, learningRate: 0.01, patience: 6, seed: 7 });

let root: string;
let dirCount = 0;
const freshDir = (): string => path.join(root, `run-${++dirCount}`);

beforeAll(async () => {
  await initTensorflowBackend();
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'train-match-model-'));
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** Trains, returns the result and the model's weights as arrays, and disposes the model. */
async function run(options: Partial<TrainMatchModelOptions> & { checkpointDir: string }) {
  const result: TrainingResult = await trainMatchModel({ train, validation, params, ...options });
  const weights = result.model.getWeights().map((w) => Array.from(w.dataSync()));
  const probabilities = predictProbabilities(result.model, validation);
  result.model.dispose();
  return { ...result, weights, probabilities };
}

const withoutTime = (h: readonly EpochProgress[]) => h.map(({ elapsedMs: _elapsed, ...rest }) => rest);

function expectHistoriesClose(
  actual: readonly EpochProgress[],
  expected: readonly EpochProgress[],
  digits: number,
) {
  expect(actual.map((h) => h.epoch)).toEqual(expected.map((h) => h.epoch));
  actual.forEach((h, i) => {
    const e = expected[i]!;
    expect(h.loss).toBeCloseTo(e.loss, digits);
    expect(h.valLoss).toBeCloseTo(e.valLoss, digits);
    expect(h.valRocAuc).toBeCloseTo(e.valRocAuc, digits);
    expect(h.bestEpoch).toBe(e.bestEpoch);
  });
}

function recordingLogger() {
  const warnings: { obj: object; msg: string }[] = [];
  return { warnings, info: () => undefined, warn: (obj: object, msg: string) => warnings.push({ obj, msg }) };
}

describe('trainMatchModel', () => {
  it('learns a synthetic signal: validation ROC AUC above 0.8 within a few epochs', async () => {
    const dir = freshDir();
    const seen: EpochProgress[] = [];
    const result = await run({ checkpointDir: dir, onEpoch: (p) => void seen.push(p) });
    expect(result.history).toEqual(seen);
    expect(result.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Math.max(...result.history.map((h) => h.valRocAuc))).toBeGreaterThan(0.8);
    expect(result.history.every((h) => h.maxEpochs === 6 && Number.isFinite(h.loss) && h.valLoss > 0)).toBe(
      true,
    );
    expect(result).toMatchObject({ resumedFromEpoch: 0, stoppedEarly: false, backend: tf.getBackend() });
    expect(await fs.readdir(dir)).toEqual([CHECKPOINT_FILE]); // atomic writes leave no temporary files
  });

  it('stops early and returns the weights of the best epoch', async () => {
    const eager = parseTrainingParams({
      ...params,
      epochs: 30,
      patience: 2,
      learningRate: 0.05,
      minDelta: 0.001,
    });
    const result = await run({ checkpointDir: freshDir(), params: eager });
    expect(result.stoppedEarly).toBe(true);
    expect(result.history.length).toBe(result.bestEpoch + 2);
    const best = result.history[result.bestEpoch - 1]!;
    expect(best.valRocAuc).toBe(Math.max(...result.history.map((h) => h.valRocAuc)));
    // The returned model scores validation exactly as the best epoch did.
    expect(rocAuc(validation.labels, result.probabilities)).toBeCloseTo(best.valRocAuc, 12);
  });

  it('is deterministic: the same seed gives the same history and weights on the same backend', async () => {
    const a = await run({ checkpointDir: freshDir() });
    const b = await run({ checkpointDir: freshDir() });
    expectHistoriesClose(b.history, a.history, 6);
    b.weights.flat().forEach((w, i) => expect(w).toBeCloseTo(a.weights.flat()[i]!, 6));
    const c = await run({ checkpointDir: freshDir(), params: { ...params, seed: 8 } });
    expect(c.history[0]!.loss).not.toBeCloseTo(a.history[0]!.loss, 6);
  });

  it('resumes from the checkpoint after an interruption and finishes like an uninterrupted run', async () => {
    const dir = freshDir();
    const beforeCrash: EpochProgress[] = [];
    const crash = run({
      checkpointDir: dir,
      onEpoch: (p) => {
        beforeCrash.push(p);
        if (p.epoch === 3) throw new Error('simulated crash after epoch 3');
      },
    });
    await expect(crash).rejects.toThrow('simulated crash after epoch 3');

    const resumedAt: number[] = [];
    const after: EpochProgress[] = [];
    const resumed = await run({
      checkpointDir: dir,
      onResume: (e) => void resumedAt.push(e),
      onEpoch: (p) => void after.push(p),
    });
    expect(resumed.resumedFromEpoch).toBe(3);
    expect(resumedAt).toEqual([3]);
    expect(after.map((p) => p.epoch)).toEqual([4, 5, 6]);
    expect(resumed.history.slice(0, 3)).toEqual(beforeCrash);
    expect(resumed.history[3]!.elapsedMs).toBeGreaterThan(beforeCrash[2]!.elapsedMs);

    // Same shuffles, masks, weights and whole Adam state as if nothing had happened:
    // equal, not close (more stop points and the backends: train-resume.test.ts).
    const uninterrupted = await run({ checkpointDir: freshDir() });
    expect(withoutTime(resumed.history)).toEqual(withoutTime(uninterrupted.history));
    expect(resumed.weights).toEqual(uninterrupted.weights);
  });

  it('returns at once, with the same best model, when the checkpoint says training finished', async () => {
    const dir = freshDir();
    const first = await run({ checkpointDir: dir });
    const epochs: number[] = [];
    const again = await run({ checkpointDir: dir, onEpoch: (p) => void epochs.push(p.epoch) });
    expect(epochs).toEqual([]);
    expect(again).toMatchObject({
      resumedFromEpoch: 6,
      bestEpoch: first.bestEpoch,
      stoppedEarly: first.stoppedEarly,
    });
    expect(withoutTime(again.history)).toEqual(withoutTime(first.history));
    expect(Array.from(again.probabilities)).toEqual(Array.from(first.probabilities));
  });

  it('sets a corrupted checkpoint aside with a warning and starts from epoch 0', async () => {
    const dir = freshDir();
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, CHECKPOINT_FILE), '{"formatVersion": 1, "epoch": 3, "weig'); // torn write
    const logger = recordingLogger();
    const result = await run({ checkpointDir: dir, logger, params: { ...params, epochs: 2 } });
    expect(result.resumedFromEpoch).toBe(0);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]!.msg).toBe('checkpoint unreadable; training starts from epoch 0');
    expect(logger.warnings[0]!.obj).toMatchObject({
      reason: expect.stringMatching(/^not valid JSON/) as unknown,
    });
    expect((await fs.readdir(dir)).sort()).toEqual([CHECKPOINT_FILE, `${CHECKPOINT_FILE}.corrupt`]);
  });

  it('detects flipped weight bytes in an otherwise valid checkpoint', async () => {
    const dir = freshDir();
    const short = { ...params, epochs: 2 };
    await run({ checkpointDir: dir, params: short });
    const file = path.join(dir, CHECKPOINT_FILE);
    const checkpoint = JSON.parse(await fs.readFile(file, 'utf8')) as {
      weights: { current: { data: string } };
    };
    const bytes = Buffer.from(checkpoint.weights.current.data, 'base64');
    bytes[0] = bytes[0]! ^ 0x10;
    checkpoint.weights.current.data = bytes.toString('base64');
    await fs.writeFile(file, JSON.stringify(checkpoint));
    const logger = recordingLogger();
    const result = await run({ checkpointDir: dir, logger, params: short });
    expect(result.resumedFromEpoch).toBe(0);
    expect(logger.warnings[0]!.obj).toMatchObject({
      reason: 'weights: tensor data does not match its sha256',
    });
  });

  it('starts from epoch 0, with a warning, on a checkpoint of other params', async () => {
    const dir = freshDir();
    await run({ checkpointDir: dir, params: { ...params, epochs: 2 } });
    const logger = recordingLogger();
    const other = await run({ checkpointDir: dir, logger, params: { ...params, epochs: 2, seed: 99 } });
    expect(other.resumedFromEpoch).toBe(0);
    expect(logger.warnings.map((w) => w.msg)).toEqual([
      'checkpoint belongs to another run (params, architecture or data differ); training starts from epoch 0',
    ]);
  });

  it('keeps tf.memory().numTensors flat across epochs (training and validation scoring) and leaks nothing, even when interrupted', async () => {
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const result = await trainMatchModel({
      train,
      validation,
      params,
      checkpointDir: freshDir(),
      onEpoch: () => void counts.push(tf.memory().numTensors),
    });
    expect(counts).toHaveLength(6);
    expect(new Set(counts).size).toBe(1);
    // Scoring with the trained model, again and again, leaves nothing behind either.
    const trained = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) predictProbabilities(result.model, validation, 256);
    expect(tf.memory().numTensors).toBe(trained);
    result.model.dispose();
    expect(tf.memory().numTensors).toBe(before);

    const interrupted = trainMatchModel({
      train,
      validation,
      params,
      checkpointDir: freshDir(),
      onEpoch: (p) => {
        if (p.epoch === 2) throw new Error('stop');
      },
    });
    await expect(interrupted).rejects.toThrow('stop');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects inputs it cannot train on', async () => {
    const oneClass = { ...validation, labels: new Float32Array(validation.rowCount) };
    await expect(
      trainMatchModel({ train, validation: oneClass, params, checkpointDir: freshDir() }),
    ).rejects.toThrow(TrainingDataError);
    const narrower = syntheticFeatureMatrix(100, 5, 3);
    await expect(
      trainMatchModel({ train, validation: narrower, params, checkpointDir: freshDir() }),
    ).rejects.toThrow('train and validation have different feature names');
  });
});
