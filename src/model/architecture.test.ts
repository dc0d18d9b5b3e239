import * as tf from '@tensorflow/tfjs';
import { HIDDEN_UNITS, buildMatchModel, disposeMatchModel } from './architecture';
import { initTensorflowBackend } from './backend';
import { SeededDropout } from './seeded-dropout';
import { DEFAULT_TRAINING_PARAMS } from './training-params';

beforeAll(async () => {
  await initTensorflowBackend();
});

const initialWeights = (seed: number): number[][] => {
  const model = buildMatchModel(10, { ...DEFAULT_TRAINING_PARAMS, seed });
  const values = model.getWeights().map((w) => Array.from(w.dataSync()));
  disposeMatchModel(model);
  return values;
};

describe('buildMatchModel', () => {
  it('stacks dense ReLU + dropout blocks and a sigmoid output', () => {
    const model = buildMatchModel(10, DEFAULT_TRAINING_PARAMS);
    expect(HIDDEN_UNITS).toEqual([64, 32]);
    expect(model.layers.map((l) => l.name)).toEqual([
      'hidden_1',
      'dropout_1',
      'hidden_2',
      'dropout_2',
      'match_probability',
    ]);
    expect(model.layers[1]).toBeInstanceOf(SeededDropout);
    expect(model.inputs[0]!.shape).toEqual([null, 10]);
    expect(model.outputs[0]!.shape).toEqual([null, 1]);
    expect(model.countParams()).toBe(10 * 64 + 64 + 64 * 32 + 32 + 32 + 1);
    disposeMatchModel(model);
  });

  it('omits dropout layers when dropoutRate is 0', () => {
    const model = buildMatchModel(4, { ...DEFAULT_TRAINING_PARAMS, dropoutRate: 0 });
    expect(model.layers.map((l) => l.name)).toEqual(['hidden_1', 'hidden_2', 'match_probability']);
    disposeMatchModel(model);
  });

  it('draws the same initial weights for the same seed and different ones for another', () => {
    expect(initialWeights(42)).toEqual(initialWeights(42));
    expect(initialWeights(43)[0]).not.toEqual(initialWeights(42)[0]);
  });

  it('releases model and optimizer tensors with disposeMatchModel', async () => {
    const before = tf.memory().numTensors;
    const model = buildMatchModel(3, DEFAULT_TRAINING_PARAMS);
    const [x, y] = [tf.ones([4, 3]), tf.tensor2d([[0], [1], [0], [1]])];
    await model.fit(x, y, { epochs: 1, verbose: 0 }); // creates Adam's moment variables
    x.dispose();
    y.dispose();
    disposeMatchModel(model);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a featureCount that is not a positive integer', () => {
    expect(() => buildMatchModel(0, DEFAULT_TRAINING_PARAMS)).toThrow(
      'featureCount must be a positive integer, got 0',
    );
  });
});

describe('model families', () => {
  it('builds the logistic regression as one dense sigmoid layer when hiddenUnits is empty', () => {
    const model = buildMatchModel(10, { ...DEFAULT_TRAINING_PARAMS, hiddenUnits: [], dropoutRate: 0 });
    expect(model.layers.map((l) => l.name)).toEqual(['match_probability']);
    expect(model.countParams()).toBe(11);
    disposeMatchModel(model);
  });

  it('builds any list of hidden layers, and the default is the production DNN', () => {
    const model = buildMatchModel(4, { ...DEFAULT_TRAINING_PARAMS, hiddenUnits: [8, 8, 4], dropoutRate: 0 });
    expect(model.countParams()).toBe(4 * 8 + 8 + 8 * 8 + 8 + 8 * 4 + 4 + 4 + 1);
    disposeMatchModel(model);
    expect(DEFAULT_TRAINING_PARAMS.hiddenUnits).toEqual(HIDDEN_UNITS);
  });
});
