import * as tf from '@tensorflow/tfjs';
import { initTensorflowBackend } from './backend';
import { denseWithGradient, type FusedDenseActivation } from './dense-gradient';

let initial: string;
let warn: jest.SpyInstance;
beforeAll(async () => {
  await initTensorflowBackend();
  initial = tf.getBackend();
  // The cpu backend's first use prints a banner recommending tfjs-node.
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterAll(async () => {
  await tf.setBackend(initial);
  warn.mockRestore();
});

/** Gradients of Σ(out ⊙ g) w.r.t. x, W, b: tfjs's own (fused matMul) and ours. */
function gradients(activation: FusedDenseActivation, inputNeedsGradient: boolean) {
  return tf.tidy(() => {
    const x = tf.randomNormal<tf.Rank.R2>([37, 6], 0, 1, 'float32', 1);
    const w = tf.randomNormal<tf.Rank.R2>([6, 5], 0, 1, 'float32', 2);
    const b = tf.randomNormal<tf.Rank.R1>([5], 0, 1, 'float32', 3);
    const g = tf.randomNormal([37, 5], 0, 1, 'float32', 4);
    const loss = (f: (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor) =>
      tf.grads((x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(f(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D), g)),
      )([x, w, b]);
    const expected = loss((x, w, b) => tf.fused.matMul({ a: x, b: w, bias: b, activation }));
    const ours = inputNeedsGradient
      ? loss((x, w, b) => denseWithGradient(x, w, b, activation, true))
      : // x is data here: only W and b are differentiated.
        [
          tf.zerosLike(x),
          ...tf.grads((w: tf.Tensor, b: tf.Tensor) =>
            tf.sum(tf.mul(denseWithGradient(x, w as tf.Tensor2D, b as tf.Tensor1D, activation, false), g)),
          )([w, b]),
        ];
    return {
      expected: expected.map((t) => Array.from(t.dataSync())),
      ours: ours.map((t) => Array.from(t.dataSync())),
    };
  });
}

describe('denseWithGradient', () => {
  for (const backend of ['wasm', 'cpu']) {
    for (const activation of ['relu', 'linear'] as const) {
      it(`gives tfjs's own gradients for ${activation} on the ${backend} backend`, async () => {
        await tf.setBackend(backend);
        for (const inputNeedsGradient of [true, false]) {
          const { expected, ours } = gradients(activation, inputNeedsGradient);
          // dW and db always; dx only when asked for.
          for (const k of inputNeedsGradient ? [0, 1, 2] : [1, 2]) {
            ours[k]!.forEach((v, i) => expect(v).toBeCloseTo(expected[k]![i]!, 4));
          }
        }
      });
    }
  }

  it('computes the forward value of the fused kernel and leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    const same = tf.tidy(() => {
      const x = tf.randomNormal<tf.Rank.R2>([4, 3], 0, 1, 'float32', 9);
      const w = tf.randomNormal<tf.Rank.R2>([3, 2], 0, 1, 'float32', 8);
      const b = tf.tensor1d([0.5, -0.5]);
      const ours = denseWithGradient(x, w, b, 'relu', true);
      const reference = tf.relu(tf.add(tf.matMul(x, w), b));
      return tf.max(tf.abs(tf.sub(ours, reference))).dataSync()[0]!;
    });
    expect(same).toBeLessThan(1e-6);
    expect(tf.memory().numTensors).toBe(before);
  });
});
