/**
 * Adam's complete state, copied out of and back into a model's optimizer, so a
 * training run resumed from a checkpoint steps exactly as an uninterrupted run.
 *
 * Why not just `optimizer.getWeights()` / `setWeights()`: tfjs 4.22's Adam keeps
 * the bias-correction powers β₁ᵗ and β₂ᵗ in two float32 variables that it
 * multiplies by β once per step, but `getWeights()` does not return them and
 * `setWeights()` recomputes them as `pow(β, t + 1)`. In float32 a power is not
 * the same number as a product of t factors (a few units in the last place
 * apart), so every step after a resume moved the weights slightly differently
 * — the resumed run drifted from the uninterrupted one and, epochs later, early
 * stopping and the model changed (issue 12, defect 4). Here the powers are
 * saved and restored as they are.
 *
 * The powers are private fields of `AdamOptimizer` (`accBeta1`, `accBeta2`);
 * tfjs is pinned to an exact version, and {@link adamInternals} refuses loudly
 * if a future version moves them rather than resuming inexactly.
 *
 * Moment estimates are saved under stable names (`hidden_1/kernel/m`) in the
 * order of `model.trainableWeights` — the order in which Adam pairs them with
 * variables (by position, not by name) — and checked against that order and
 * those shapes on restore. (tfjs names them after the variables' process-unique
 * names, `hidden_1/kernel_3/m`, which depend on how many models the process
 * built before.)
 */
import * as tf from '@tensorflow/tfjs';
import { snapshotOf, type TensorSnapshot } from './weight-snapshot';

/** Names of the scalar entries that precede the moments in an optimizer snapshot. */
export const ADAM_SCALARS = {
  iterations: 'adam/iterations',
  beta1Power: 'adam/beta1_power',
  beta2Power: 'adam/beta2_power',
} as const;

/** The private parts of tfjs's AdamOptimizer this module reads and writes. */
interface AdamInternals {
  readonly accBeta1: tf.Variable;
  readonly accBeta2: tf.Variable;
}

/** Adam and its bias-correction power variables (β₁ᵗ, β₂ᵗ: live variables, never dispose them). */
export interface AdamParts {
  readonly adam: tf.AdamOptimizer;
  readonly beta1Power: tf.Variable;
  readonly beta2Power: tf.Variable;
}

/**
 * The optimizer as Adam with its bias-correction power variables.
 *
 * @throws Error when it is not tfjs's Adam, or that class no longer keeps the powers where tfjs 4.22 does
 */
export function adamInternals(optimizer: tf.Optimizer): AdamParts {
  // Not `instanceof`: tfjs's Optimizer classes answer it for any optimizer (Symbol.hasInstance).
  if (optimizer.getClassName() !== tf.AdamOptimizer.className) {
    throw new Error(`optimizer state: expected tfjs's Adam, got ${optimizer.getClassName()}`);
  }
  const fields = optimizer as unknown as Partial<AdamInternals>;
  if (!(fields.accBeta1 instanceof tf.Variable) || !(fields.accBeta2 instanceof tf.Variable)) {
    throw new Error(
      "optimizer state: tfjs's AdamOptimizer no longer keeps accBeta1/accBeta2 (tfjs upgraded?); " +
        'a resumed run could not step exactly as an uninterrupted one',
    );
  }
  return { adam: optimizer as tf.AdamOptimizer, beta1Power: fields.accBeta1, beta2Power: fields.accBeta2 };
}

/** The names an optimizer snapshot of `model` has, in order. */
function expectedNames(model: tf.LayersModel): string[] {
  const names = model.trainableWeights.map((w) => w.originalName);
  return [
    ADAM_SCALARS.iterations,
    ADAM_SCALARS.beta1Power,
    ADAM_SCALARS.beta2Power,
    ...names.map((n) => `${n}/m`),
    ...names.map((n) => `${n}/v`),
  ];
}

/**
 * Copies Adam's state: step count, β₁ᵗ and β₂ᵗ, then the first and second
 * moments of each trainable weight (named `<weight>/m`, `<weight>/v`). Only
 * valid after at least one training step.
 *
 * @throws Error when the optimizer is not Adam or has no moments for every trainable weight
 */
export async function snapshotOptimizer(model: tf.LayersModel): Promise<TensorSnapshot[]> {
  const { adam, beta1Power, beta2Power } = adamInternals(model.optimizer);
  const names = expectedNames(model);
  const named = await adam.getWeights(); // [iterations, ...first moments, ...second moments]
  try {
    if (named.length !== names.length - 2) {
      throw new Error(
        `optimizer state: Adam holds ${named.length - 1} moments, the model has ${names.length - 3} for ${
          model.trainableWeights.length
        } trainable weights (no step taken yet?)`,
      );
    }
    const [iterations, ...moments] = named;
    return await Promise.all([
      snapshotOf(ADAM_SCALARS.iterations, iterations!.tensor),
      snapshotOf(ADAM_SCALARS.beta1Power, beta1Power),
      snapshotOf(ADAM_SCALARS.beta2Power, beta2Power),
      ...moments.map((m, i) => snapshotOf(names[i + 3]!, m.tensor)),
    ]);
  } finally {
    // getWeights() creates a new scalar for the iteration count (first entry);
    // the other entries are the optimizer's own variables and must stay alive.
    named[0]?.tensor.dispose();
  }
}

/**
 * Checks that `snapshot` is an optimizer state of this model (names, order,
 * shapes and dtypes), without touching the model.
 *
 * @throws Error naming the first mismatch
 */
export function checkOptimizerSnapshot(model: tf.LayersModel, snapshot: readonly TensorSnapshot[]): void {
  const names = expectedNames(model);
  const shapes = [[], [], [], ...[0, 1].flatMap(() => model.trainableWeights.map((w) => w.shape))];
  if (snapshot.map((s) => s.name).join('\n') !== names.join('\n')) {
    throw new Error(
      `optimizer state: expected tensors [${names.join(', ')}], got [${snapshot.map((s) => s.name).join(', ')}]`,
    );
  }
  snapshot.forEach((s, i) => {
    const dtype = i === 0 ? 'int32' : 'float32';
    if (s.shape.join('x') !== shapes[i]!.join('x') || s.dtype !== dtype) {
      throw new Error(
        `optimizer state: ${s.name} is ${s.dtype} [${s.shape.join(', ')}], expected ${dtype} [${shapes[i]!.join(', ')}]`,
      );
    }
  });
}

/**
 * Loads a state saved by {@link snapshotOptimizer} into the model's optimizer,
 * which must be fresh (built with the model, never stepped).
 *
 * @throws Error when the snapshot's names or shapes are not those of this model's Adam state
 */
export async function restoreOptimizer(
  model: tf.LayersModel,
  snapshot: readonly TensorSnapshot[],
): Promise<void> {
  const { adam, beta1Power, beta2Power } = adamInternals(model.optimizer);
  checkOptimizerSnapshot(model, snapshot);
  const [iterations, savedBeta1Power, savedBeta2Power, ...moments] = snapshot;
  const tensors = [iterations!, ...moments].map((s) => ({
    name: s.name,
    tensor: tf.tensor(s.values, [...s.shape], s.dtype),
  }));
  try {
    // Adam.setWeights turns each tensor into a new variable sharing its data and
    // sets the powers to pow(β, t + 1) — overwritten right after with the saved ones.
    await adam.setWeights(tensors);
  } finally {
    tensors.forEach((n) => n.tensor.dispose());
  }
  tf.tidy(() => {
    beta1Power.assign(tf.tensor(savedBeta1Power!.values, [], 'float32'));
    beta2Power.assign(tf.tensor(savedBeta2Power!.values, [], 'float32'));
  });
}
