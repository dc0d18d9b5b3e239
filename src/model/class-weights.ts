import { TrainingDataError } from './errors';
import type { ClassWeighting } from './training-params';

/** Loss weight per class, keyed by label (the shape `model.fit`'s `classWeight` takes). */
export interface BinaryClassWeights {
  readonly 0: number;
  readonly 1: number;
}

/**
 * "Balanced" class weights, as scikit-learn's
 * `compute_class_weight('balanced')`: `n / (2 · n_c)` for class c. Each class
 * then contributes the same total weight to the loss, so the rarer outcome
 * (failed or successful matches, whichever it is) is not drowned out, while
 * the weighted mean over all rows stays 1.
 *
 * @throws TrainingDataError when a label is not 0/1 or a class has no rows
 */
export function balancedClassWeights(labels: ArrayLike<number>): BinaryClassWeights {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y === 1) positives++;
    else if (y !== 0) throw new TrainingDataError(`training labels must be 0 or 1; labels[${i}] is ${y}`);
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) {
    throw new TrainingDataError(
      `training labels need both classes; found ${negatives} negatives and ${positives} positives`,
    );
  }
  return { 0: labels.length / (2 * negatives), 1: labels.length / (2 * positives) };
}

/**
 * The class weights a training run uses: {@link balancedClassWeights}, or 1 for
 * both classes with `none` (after the same check that both classes are present).
 *
 * @throws TrainingDataError as {@link balancedClassWeights}
 */
export function classWeightsFor(weighting: ClassWeighting, labels: ArrayLike<number>): BinaryClassWeights {
  const balanced = balancedClassWeights(labels);
  return weighting === 'none' ? { 0: 1, 1: 1 } : balanced;
}
