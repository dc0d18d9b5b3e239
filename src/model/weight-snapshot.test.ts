import * as tf from '@tensorflow/tfjs';
import { buildMatchModel, disposeMatchModel } from './architecture';
import { initTensorflowBackend } from './backend';
import { DEFAULT_TRAINING_PARAMS } from './training-params';
import {
  decodeTensors,
  encodeTensors,
  restoreModelWeights,
  snapshotModelWeights,
  type TensorSnapshot,
} from './weight-snapshot';

beforeAll(async () => {
  await initTensorflowBackend();
});

describe('weight snapshots', () => {
  const snapshot: TensorSnapshot[] = [
    {
      name: 'a/kernel',
      shape: [2, 3],
      dtype: 'float32',
      values: Float32Array.from([1, -2, 3.5, 0, 1e-8, -1e8]),
    },
    { name: 'iter', shape: [], dtype: 'int32', values: Int32Array.from([17]) },
  ];

  it('round-trip through the JSON encoding bit for bit', () => {
    const decoded = decodeTensors(
      JSON.parse(JSON.stringify(encodeTensors(snapshot))) as ReturnType<typeof encodeTensors>,
    );
    expect(decoded).toEqual(snapshot);
  });

  it('refuse data that does not match its checksum or its specs', () => {
    const encoded = encodeTensors(snapshot);
    const flipped = Buffer.from(encoded.data, 'base64');
    flipped[3] = flipped[3]! ^ 0xff;
    expect(() => decodeTensors({ ...encoded, data: flipped.toString('base64') })).toThrow(
      'does not match its sha256',
    );
    const fewerSpecs = { ...encoded, specs: encoded.specs.slice(0, 1) };
    expect(() => decodeTensors(fewerSpecs)).toThrow('4 bytes too many');
  });

  it('copy model weights out and back in without leaking tensors', async () => {
    const params = { ...DEFAULT_TRAINING_PARAMS, seed: 1 };
    const a = buildMatchModel(5, params);
    const b = buildMatchModel(5, { ...params, seed: 2 });
    const before = tf.memory().numTensors;
    const weights = await snapshotModelWeights(a);
    expect(weights.map((w) => w.name)).toEqual([
      'hidden_1/kernel',
      'hidden_1/bias',
      'hidden_2/kernel',
      'hidden_2/bias',
      'match_probability/kernel',
      'match_probability/bias',
    ]);
    restoreModelWeights(b, weights);
    expect(await snapshotModelWeights(b)).toEqual(weights);
    expect(tf.memory().numTensors).toBe(before);
    disposeMatchModel(a);
    disposeMatchModel(b);
  });

  it('refuse a snapshot of another architecture', async () => {
    const a = buildMatchModel(5, DEFAULT_TRAINING_PARAMS);
    const b = buildMatchModel(6, DEFAULT_TRAINING_PARAMS);
    expect(() => restoreModelWeights(b, [] as TensorSnapshot[])).toThrow('snapshot has 0 tensors, model 6');
    const weights = await snapshotModelWeights(a);
    expect(() => restoreModelWeights(b, weights)).toThrow(
      'snapshot tensor 0 is hidden_1/kernel [5, 64], model has hidden_1/kernel [6, 64]',
    );
    disposeMatchModel(a);
    disposeMatchModel(b);
  });
});
