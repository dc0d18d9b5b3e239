import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { buildMatchModel, disposeMatchModel } from './architecture';
import { MODEL_FILES, loadModel, predictProbabilities, saveModel } from './artifacts';
import { initTensorflowBackend } from './backend';
import { ModelArtifactError } from './errors';
import { syntheticFeatureMatrix } from './synthetic-matrix';
import { DEFAULT_TRAINING_PARAMS } from './training-params';

let dir: string;
let model: tf.LayersModel;
const matrix = syntheticFeatureMatrix(1000, 6, 3);

beforeAll(async () => {
  await initTensorflowBackend();
  model = buildMatchModel(6, { ...DEFAULT_TRAINING_PARAMS, seed: 5 });
});
afterAll(() => disposeMatchModel(model));
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'model-artifacts-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('saveModel / loadModel', () => {
  it('round-trips: the loaded model predicts exactly what the saved one did', async () => {
    await saveModel(dir, model);
    expect((await fs.readdir(dir)).sort()).toEqual([MODEL_FILES.topology, MODEL_FILES.weights]); // no temp files left
    const loaded = await loadModel(dir);
    try {
      expect(Array.from(predictProbabilities(loaded, matrix))).toEqual(
        Array.from(predictProbabilities(model, matrix)),
      );
    } finally {
      loaded.dispose();
    }
  });

  it('replaces an earlier save in place', async () => {
    const other = buildMatchModel(6, { ...DEFAULT_TRAINING_PARAMS, seed: 6 });
    await saveModel(dir, other);
    disposeMatchModel(other);
    await saveModel(dir, model);
    const loaded = await loadModel(dir);
    expect(Array.from(predictProbabilities(loaded, matrix))).toEqual(
      Array.from(predictProbabilities(model, matrix)),
    );
    loaded.dispose();
  });

  it('names model.json when it is missing or not JSON', async () => {
    const file = path.join(dir, MODEL_FILES.topology);
    await expect(loadModel(dir)).rejects.toThrow(`${file}: cannot be read`);
    await saveModel(dir, model);
    await fs.writeFile(file, '{"modelTopology": ');
    const error = await loadModel(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelArtifactError);
    expect(error).toMatchObject({ file, message: expect.stringContaining('is not valid JSON') as unknown });
  });

  it('names weights.bin when it is missing, truncated or corrupt', async () => {
    await saveModel(dir, model);
    const file = path.join(dir, MODEL_FILES.weights);
    const bytes = await fs.readFile(file);
    await fs.writeFile(file, bytes.subarray(0, 100));
    await expect(loadModel(dir)).rejects.toThrow(
      `${file}: has 100 bytes, model.json describes ${bytes.length}`,
    );
    const flipped = Buffer.from(bytes);
    flipped[10] = flipped[10]! ^ 0x01;
    await fs.writeFile(file, flipped);
    await expect(loadModel(dir)).rejects.toThrow(`${file}: does not match the sha256 recorded in model.json`);
    await fs.rm(file);
    await expect(loadModel(dir)).rejects.toThrow(`${file}: cannot be read`);
  });

  it('names the field of model.json that is wrong', async () => {
    await saveModel(dir, model);
    const file = path.join(dir, MODEL_FILES.topology);
    const json = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
    await fs.writeFile(
      file,
      JSON.stringify({ ...json, weightsManifest: [{ paths: ['../elsewhere.bin'], weights: [] }] }),
    );
    await expect(loadModel(dir)).rejects.toThrow(`${file}: field "weightsManifest.0.paths.0"`);
  });
});

describe('predictProbabilities', () => {
  it('gives the same probabilities whatever the batch size, all in [0, 1]', () => {
    const whole = predictProbabilities(model, matrix);
    expect(whole.length).toBe(1000);
    expect(whole.every((p) => p >= 0 && p <= 1)).toBe(true);
    const batched = predictProbabilities(model, matrix, 64);
    batched.forEach((p, i) => expect(p).toBeCloseTo(whole[i]!, 6));
  });

  it('leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    predictProbabilities(model, matrix, 100);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a matrix with another feature count', () => {
    expect(() => predictProbabilities(model, syntheticFeatureMatrix(3, 4, 1))).toThrow(
      'predictProbabilities: model expects 6 features, matrix has 4',
    );
  });
});
