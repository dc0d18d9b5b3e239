/**
 * One training epoch: what `model.fit({ epochs: 1, shuffle: false, classWeight })`
 * computes — per batch, the compiled loss weighted by each row's class weight,
 * averaged, plus the regularisation losses, minimised by the model's optimizer —
 * without fit's per-batch costs.
 *
 * Why not `fit`: with a training tensor of n rows, fit slices every batch out of
 * it through the backend, and tfjs-backend-wasm's slice copies the whole source
 * tensor each time (`readSync`), so an epoch costs O(n²/batch) bytes of copying;
 * and tfjs's matMul gradient is slow on wasm (see `dense-gradient.ts`). Here each
 * batch is gathered on the JS side from the row-major feature matrix (O(batch)),
 * uploaded as a small tensor, and dense layers use `denseWithGradient`. The
 * training set is never uploaded whole, so the backend's memory stays at one batch.
 *
 * Memory: every batch runs in `tf.tidy`; the running loss sum is the only tensor
 * carried across batches and is released before returning.
 */
import * as tf from '@tensorflow/tfjs';
import type { FeatureMatrix } from '../features/feature-matrix';
import type { BinaryClassWeights } from './class-weights';
import { denseWithGradient } from './dense-gradient';

/** Yield to the event loop at least this often (tfjs fit's 'auto' default), so heartbeats flow. */
const YIELD_EVERY_MS = 125;

/** Runs one layer in training mode; `inputNeedsGradient` is false while no trainable layer came before. */
type LayerStep = (input: tf.Tensor2D, inputNeedsGradient: boolean) => tf.Tensor2D;

/**
 * How the training step runs `layer`: a Dense layer with bias, no constraint and
 * a relu, linear or sigmoid activation goes through {@link denseWithGradient}
 * (sigmoid applied after, as tfjs-layers' Dense does for activations it cannot
 * fuse); any other layer (SeededDropout, …) runs its own `apply` in training mode.
 */
function layerStep(layer: tf.layers.Layer): LayerStep {
  const config = layer.getConfig();
  const [kernel, bias] = layer.trainableWeights;
  const activation = config.activation;
  const plainDense =
    layer.getClassName() === 'Dense' &&
    config.useBias === true &&
    layer.trainableWeights.length === 2 &&
    config.kernelConstraint == null &&
    config.biasConstraint == null &&
    config.activityRegularizer == null &&
    (activation === 'relu' || activation === 'linear' || activation === 'sigmoid');
  if (!plainDense || kernel === undefined || bias === undefined) {
    return (input) => layer.apply(input, { training: true }) as tf.Tensor2D;
  }
  return (input, inputNeedsGradient) => {
    const z = denseWithGradient(
      input,
      kernel.read() as tf.Tensor2D,
      bias.read() as tf.Tensor1D,
      activation === 'relu' ? 'relu' : 'linear',
      inputNeedsGradient,
    );
    return activation === 'sigmoid' ? tf.sigmoid(z) : z;
  };
}

/**
 * The loss the model was compiled with, as a function. (A Sequential keeps its
 * compiled loss functions on a private inner model; `model.loss` is public.)
 *
 * @throws Error for a loss other than a function or `binaryCrossentropy`
 */
function compiledLoss(model: tf.LayersModel): (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor {
  const loss: unknown = model.loss;
  if (typeof loss === 'function') return loss as (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;
  // The same function tfjs-layers resolves the name 'binaryCrossentropy' to.
  if (loss === 'binaryCrossentropy') return tf.metrics.binaryCrossentropy;
  throw new Error(`trainEpoch: unsupported loss ${JSON.stringify(loss)} (expected binaryCrossentropy)`);
}

/** Inputs of {@link trainEpoch}. */
export interface TrainEpochOptions {
  /** The training rows (values and 0/1 labels). */
  readonly train: FeatureMatrix;
  /** Row indices in the order the epoch visits them (each row once). */
  readonly order: Int32Array;
  readonly batchSize: number;
  /** Loss weight per class, applied per row as fit's `classWeight` does. */
  readonly classWeight: BinaryClassWeights;
}

/**
 * Trains `model` (compiled, single input and output) for one pass over
 * `options.order` in batches of `options.batchSize`.
 *
 * @returns the epoch's mean training loss, Σ(batch loss × batch rows) / rows, as fit reports it
 */
export async function trainEpoch(model: tf.LayersModel, options: TrainEpochOptions): Promise<number> {
  const { train, order, batchSize, classWeight } = options;
  const features = train.featureCount;
  const steps = model.layers.map((layer) => ({
    run: layerStep(layer),
    trainable: layer.trainableWeights.length > 0,
  }));
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const lossFunction = compiledLoss(model);
  const x = new Float32Array(batchSize * features);
  const y = new Float32Array(batchSize);
  const w = new Float32Array(batchSize);

  const batchLoss = (input: tf.Tensor2D, labels: tf.Tensor2D, weights: tf.Tensor1D) => (): tf.Scalar => {
    let h = input;
    let needsGradient = false;
    for (const step of steps) {
      h = step.run(h, needsGradient);
      needsGradient ||= step.trainable;
    }
    let loss = tf.mean<tf.Scalar>(tf.mul(lossFunction(labels, h), weights));
    for (const penalty of model.calculateLosses()) loss = tf.add<tf.Scalar>(loss, penalty);
    return loss;
  };

  let total = tf.scalar(0);
  let lastYield = performance.now();
  try {
    for (let start = 0; start < order.length; start += batchSize) {
      const size = Math.min(batchSize, order.length - start);
      for (let k = 0; k < size; k++) {
        const row = order[start + k]!;
        // A plain copy loop: a subarray per row would allocate an object per row.
        const from = row * features;
        const to = k * features;
        for (let j = 0; j < features; j++) x[to + j] = train.values[from + j]!;
        y[k] = train.labels[row]!;
        w[k] = y[k] === 1 ? classWeight[1] : classWeight[0];
      }
      const next = tf.tidy(() => {
        // Tensors from views of the reused buffers: some backends keep the view, so
        // the tensors must not outlive this tidy (they do not).
        const input = tf.tensor2d(x.subarray(0, size * features), [size, features]);
        const labels = tf.tensor2d(y.subarray(0, size), [size, 1]);
        const weights = tf.tensor1d(w.subarray(0, size));
        const cost = model.optimizer.minimize(batchLoss(input, labels, weights), true, variables)!;
        return tf.add<tf.Scalar>(total, tf.mul(cost, size));
      });
      total.dispose();
      total = next;
      if (performance.now() - lastYield >= YIELD_EVERY_MS) {
        await tf.nextFrame();
        lastYield = performance.now();
      }
    }
    return (await total.data())[0]! / order.length;
  } finally {
    total.dispose();
  }
}
