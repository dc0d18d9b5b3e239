/**
 * Seeded synthetic feature matrices with a learnable signal, for tests and
 * benchmarks of the trainer (no table, no preprocessor).
 */
import { createRng } from '../data/random';
import type { FeatureMatrix } from '../features/feature-matrix';

/**
 * `rowCount` rows of `featureCount` standard-normal features. The label is drawn
 * from a logistic model of the first three features (plus an interaction, so a
 * hidden layer helps) with an intercept that makes roughly 30 % positives; the
 * Bayes ROC AUC is about 0.9.
 */
export function syntheticFeatureMatrix(rowCount: number, featureCount: number, seed: number): FeatureMatrix {
  if (featureCount < 3) throw new RangeError('syntheticFeatureMatrix needs at least 3 features');
  const rng = createRng(seed);
  const values = new Float32Array(rowCount * featureCount);
  const labels = new Float32Array(rowCount);
  for (let i = 0; i < rowCount; i++) {
    const row = values.subarray(i * featureCount, (i + 1) * featureCount);
    for (let j = 0; j < featureCount; j++) row[j] = rng.normal();
    const [a, b, c] = [row[0]!, row[1]!, row[2]!];
    const logit = -1.2 + 1.5 * a - 1.0 * b + 0.8 * a * c;
    labels[i] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  const featureNames = Array.from({ length: featureCount }, (_, j) => `x${j}`);
  return { values, rowCount, featureCount, featureNames, labels };
}
