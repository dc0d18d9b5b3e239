/**
 * A dense layer's `x·W + b` (optionally followed by ReLU) with a hand-written
 * gradient, for the trainer's training step.
 *
 * Why not tfjs's own gradient: it computes `xᵀ·dz` and `dz·Wᵀ` with
 * `matMul(…, transposeA/transposeB)`, and tfjs-backend-wasm 4.22 runs a
 * transposed matMul through a slow kernel — about 0.8 ms for 256×52·52×64
 * against 0.11–0.14 ms for an explicit transpose followed by a plain matMul
 * (measured on the 2-core bench machine). Five of the eight matMuls of a
 * training step are transposed, so on wasm this gradient transposes explicitly.
 * On the cpu backend the flags are faster (measured) and tfjs-node handles them
 * natively, so other backends keep them.
 *
 * The math is tfjs's fused-matMul gradient: `dz = dy ⊙ step(y)` for ReLU
 * (`dz = dy` for linear), `dW = xᵀ·dz`, `db = Σ_rows dz`, `dx = dz·Wᵀ`. Only the
 * summation order of the kernels differs, so values agree to float32 rounding.
 */
import * as tf from '@tensorflow/tfjs';

/** Activations that fuse into the matMul kernel (as tfjs-layers' Dense fuses them). */
export type FusedDenseActivation = 'relu' | 'linear';

/** `a·b` with optional transposes; explicit transposes on the wasm backend (see the file comment). */
function matMul(a: tf.Tensor2D, b: tf.Tensor2D, transposeA: boolean, transposeB: boolean): tf.Tensor2D {
  if (tf.getBackend() !== 'wasm') return tf.matMul(a, b, transposeA, transposeB);
  return tf.matMul(transposeA ? tf.transpose(a) : a, transposeB ? tf.transpose(b) : b);
}

/** dz, dW and db of one dense layer, given dy, the layer's output y and its input x. */
function denseGradients(
  dy: tf.Tensor,
  y: tf.Tensor,
  x: tf.Tensor2D,
  activation: FusedDenseActivation,
): { dz: tf.Tensor2D; dKernel: tf.Tensor2D; dBias: tf.Tensor1D } {
  const dz = (activation === 'relu' ? tf.mul(dy, tf.step(y)) : dy) as tf.Tensor2D;
  return { dz, dKernel: matMul(x, dz, true, false), dBias: tf.sum(dz, 0) };
}

/**
 * `activation(input·kernel + bias)` as one fused kernel, differentiable with
 * respect to kernel and bias and, when `inputNeedsGradient`, to input (the first
 * layer's input is data, so its gradient would be wasted work).
 *
 * @param input - [rows, inFeatures]
 * @param kernel - [inFeatures, units]
 * @param bias - [units]
 */
export function denseWithGradient(
  input: tf.Tensor2D,
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  activation: FusedDenseActivation,
  inputNeedsGradient: boolean,
): tf.Tensor2D {
  const forward = (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor): tf.Tensor2D =>
    tf.fused.matMul({ a: x, b: w, bias: b, activation }) as tf.Tensor2D;
  if (!inputNeedsGradient) {
    const dense = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [w, b, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
      const y = forward(input, w, b);
      save([y]);
      return {
        value: y,
        gradFunc: (dy: tf.Tensor2D, [saved]: tf.Tensor[]) => {
          const g = denseGradients(dy, saved!, input, activation);
          return [g.dKernel, g.dBias];
        },
      };
    });
    return dense(kernel, bias);
  }
  const dense = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    const y = forward(x, w, b);
    save([y, x, w]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor2D, [saved, savedX, savedW]: tf.Tensor[]) => {
        const g = denseGradients(dy, saved!, savedX as tf.Tensor2D, activation);
        return [matMul(g.dz, savedW as tf.Tensor2D, false, true), g.dKernel, g.dBias];
      },
    };
  });
  return dense(input, kernel, bias);
}
