/**
 * Dropout whose masks are reproducible AND different from batch to batch.
 *
 * Why not `tf.layers.dropout({ seed })`: tfjs passes that fixed seed to
 * `randomUniform` on every call, so every batch of the same size gets the SAME
 * mask — the network then just learns to live without a fixed set of units per
 * batch position, which is not dropout. Without a seed it uses `Math.random`
 * and training is not repeatable. This layer draws a fresh mask seed for each
 * training call from its own seeded stream; the trainer re-seeds that stream at
 * the start of every epoch from `(seed, epoch)` (see `seeds.ts`), so a resumed
 * run draws the masks an uninterrupted one would have.
 *
 * At inference (`training` not true) the layer is the identity. The class is
 * registered with tfjs serialization, so saved models that contain it load with
 * `loadModel` (which imports this module).
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../data/random';

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/** Constructor arguments of {@link SeededDropout}. */
export interface SeededDropoutArgs extends LayerArgs {
  /** Fraction of units zeroed during training, in [0, 1). */
  readonly rate: number;
  /** Seed of the mask stream until the first {@link SeededDropout.reseed}. */
  readonly seed: number;
}

/** Inverted dropout with a seeded, per-call mask stream. */
export class SeededDropout extends tf.layers.Layer {
  /** Name under which the class is registered for (de)serialisation. */
  static className = 'SeededDropout';
  /** Fraction of units zeroed during training. */
  readonly rate: number;
  /** Initial seed of the mask stream (saved in the config). */
  readonly seed: number;
  private stream: Rng;

  constructor(args: SeededDropoutArgs) {
    super(args);
    if (!(args.rate >= 0 && args.rate < 1))
      throw new RangeError(`SeededDropout: rate must be in [0, 1), got ${args.rate}`);
    this.rate = args.rate;
    this.seed = args.seed;
    this.stream = createRng(args.seed);
    this.supportsMasking = true;
  }

  /** Restarts the mask stream from `seed` (the trainer calls this at each epoch start). */
  reseed(seed: number): void {
    this.stream = createRng(seed);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: unknown }): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    if (kwargs.training !== true || this.rate === 0) return x;
    // One draw per call; 1 + … keeps the seed non-zero (tfjs treats a falsy seed as "random").
    const maskSeed = 1 + this.stream.int(0x7ffffffe);
    // tf.dropout's intermediates (uniform noise, mask) are released by the tidy.
    return tf.tidy(() => tf.dropout(x, this.rate, undefined, maskSeed));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}

tf.serialization.registerClass(SeededDropout);
