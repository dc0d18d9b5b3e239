/**
 * The match model: a small fully-connected network over the engineered
 * features with a sigmoid output, the probability that a proposed
 * client–lawyer match succeeds.
 */
import * as tf from '@tensorflow/tfjs';
import { SeededDropout } from './seeded-dropout';
import { SeedPurpose, deriveSeed } from './seeds';
import type { TrainingParams } from './training-params';

/** Bumped whenever `buildMatchModel` changes in a way that makes old checkpoints unusable. */
export const ARCHITECTURE_VERSION = 1;

/** Units of the production DNN's hidden ReLU layers, in order: the default of `params.hiddenUnits`. */
export const HIDDEN_UNITS: readonly number[] = [64, 32];

/** Name of the output layer. */
export const OUTPUT_LAYER = 'match_probability';

/**
 * Builds and compiles the network: for each of `params.hiddenUnits` (default
 * {@link HIDDEN_UNITS}), a dense ReLU layer (L2 `params.l2` on the kernel)
 * followed by {@link SeededDropout} (`params.dropoutRate`), then a dense sigmoid
 * output; Adam with `params.learningRate`, binary cross-entropy. With no hidden
 * layer this is a logistic regression on the engineered features — still a
 * tfjs layers model, so every loader, scorer and the registry treat it alike.
 *
 * Determinism: every kernel is drawn by glorotUniform with its own seed derived
 * from `params.seed` and the layer index, so the same params give the same
 * initial weights on every backend. Layer names are fixed (`hidden_1`,
 * `dropout_1`, …) because checkpoints and saved weights are matched by name.
 *
 * Memory: the caller owns the model AND its optimizer. tfjs only disposes an
 * optimizer it created from a string name, so dispose both with
 * {@link disposeMatchModel}.
 */
export function buildMatchModel(featureCount: number, params: TrainingParams): tf.LayersModel {
  if (!Number.isInteger(featureCount) || featureCount < 1) {
    throw new RangeError(`buildMatchModel: featureCount must be a positive integer, got ${featureCount}`);
  }
  const kernelRegularizer = params.l2 > 0 ? tf.regularizers.l2({ l2: params.l2 }) : undefined;
  const kernelInitializer = (layer: number): ReturnType<typeof tf.initializers.glorotUniform> =>
    tf.initializers.glorotUniform({ seed: deriveSeed(params.seed, SeedPurpose.Initializer, layer) });

  const model = tf.sequential({ name: 'match_model' });
  const hiddenUnits = params.hiddenUnits ?? HIDDEN_UNITS;
  hiddenUnits.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        name: `hidden_${i + 1}`,
        units,
        activation: 'relu',
        kernelInitializer: kernelInitializer(i),
        biasInitializer: 'zeros',
        ...(kernelRegularizer ? { kernelRegularizer } : {}),
        ...(i === 0 ? { inputShape: [featureCount] } : {}),
      }),
    );
    if (params.dropoutRate > 0) {
      model.add(
        new SeededDropout({
          name: `dropout_${i + 1}`,
          rate: params.dropoutRate,
          seed: deriveSeed(params.seed, SeedPurpose.Dropout, i),
        }),
      );
    }
  });
  model.add(
    tf.layers.dense({
      name: OUTPUT_LAYER,
      units: 1,
      activation: 'sigmoid',
      kernelInitializer: kernelInitializer(hiddenUnits.length),
      biasInitializer: 'zeros',
      ...(kernelRegularizer ? { kernelRegularizer } : {}),
      ...(hiddenUnits.length === 0 ? { inputShape: [featureCount] } : {}),
    }),
  );
  model.compile({ optimizer: tf.train.adam(params.learningRate), loss: 'binaryCrossentropy' });
  return model;
}

/** Re-seeds every {@link SeededDropout} layer's mask stream for `epoch` (1-based). */
export function reseedDropout(model: tf.LayersModel, seed: number, epoch: number): void {
  model.layers.forEach((layer, index) => {
    if (layer instanceof SeededDropout) layer.reseed(deriveSeed(seed, SeedPurpose.Dropout, epoch, index));
  });
}

/**
 * Disposes a model built by {@link buildMatchModel} together with its optimizer
 * (Adam's moment estimates are tensors too). Safe on a model whose optimizer was
 * already released.
 */
export function disposeMatchModel(model: tf.LayersModel): void {
  const optimizer = model.optimizer as tf.Optimizer | undefined;
  model.dispose();
  optimizer?.dispose();
}
