import * as tf from '@tensorflow/tfjs';
import { initTensorflowBackend } from './backend';
import { SeededDropout } from './seeded-dropout';

let x: tf.Tensor;
beforeAll(async () => {
  await initTensorflowBackend();
  x = tf.ones([8, 16]);
});
afterAll(() => x.dispose());

/** Output of one training call, as a plain array. */
function trainingCall(layer: SeededDropout, x: tf.Tensor): number[] {
  return tf.tidy(() => Array.from((layer.apply(x, { training: true }) as tf.Tensor).dataSync()));
}

describe('SeededDropout', () => {
  it('is the identity at inference', () => {
    const layer = new SeededDropout({ rate: 0.5, seed: 1 });
    const y = layer.apply(x) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
  });

  it('zeroes units and scales the kept ones by 1 / (1 - rate) while training', () => {
    const values = trainingCall(new SeededDropout({ rate: 0.25, seed: 1 }), x);
    expect(new Set(values.map((v) => v.toFixed(5)))).toEqual(new Set(['0.00000', (1 / 0.75).toFixed(5)]));
  });

  it('draws a different mask on every call (unlike tf.layers.dropout with a seed)', () => {
    const layer = new SeededDropout({ rate: 0.5, seed: 1 });
    expect(trainingCall(layer, x)).not.toEqual(trainingCall(layer, x));
  });

  it('repeats the same sequence of masks for the same seed, and after reseed', () => {
    const a = new SeededDropout({ rate: 0.5, seed: 7 });
    const b = new SeededDropout({ rate: 0.5, seed: 7 });
    const first = [trainingCall(a, x), trainingCall(a, x)];
    expect([trainingCall(b, x), trainingCall(b, x)]).toEqual(first);
    a.reseed(7);
    expect(trainingCall(a, x)).toEqual(first[0]);
  });

  it('leaves no tensors behind', () => {
    const layer = new SeededDropout({ rate: 0.5, seed: 3 });
    const before = tf.memory().numTensors;
    trainingCall(layer, x);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('serialises its rate and seed under a registered class name', () => {
    const layer = new SeededDropout({ rate: 0.2, seed: 9, name: 'dropout_x' });
    expect(layer.getConfig()).toMatchObject({ rate: 0.2, seed: 9, name: 'dropout_x' });
    expect(tf.serialization.SerializationMap.getMap().classNameMap.SeededDropout).toBeDefined();
    expect(() => new SeededDropout({ rate: 1, seed: 1 })).toThrow(
      'SeededDropout: rate must be in [0, 1), got 1',
    );
  });
});
