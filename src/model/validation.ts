/** Input checks and per-epoch validation scores of the trainer. */
import { assertFeatureMatrix, type FeatureMatrix } from '../features/feature-matrix';
import { logLoss } from '../metrics/log-loss';
import { rocAuc } from '../metrics/roc-auc';
import { TrainingDataError } from './errors';

/**
 * Checks that both matrices are well-formed, labelled, share their features,
 * and that validation has both classes (ROC AUC is undefined otherwise; the
 * training set's classes are checked by the class weights).
 *
 * @throws TrainingDataError describing the first problem
 */
export function validateTrainingInputs(train: FeatureMatrix, validation: FeatureMatrix): void {
  try {
    assertFeatureMatrix(train, 'train', true);
    assertFeatureMatrix(validation, 'validation', true);
  } catch (error) {
    throw new TrainingDataError((error as Error).message);
  }
  if (train.rowCount === 0 || validation.rowCount === 0) {
    throw new TrainingDataError(
      `train and validation need rows; got ${train.rowCount} and ${validation.rowCount}`,
    );
  }
  if (train.featureNames.join('\n') !== validation.featureNames.join('\n')) {
    throw new TrainingDataError(
      'train and validation have different feature names (fitted by different preprocessors?)',
    );
  }
  let positives = 0;
  for (let i = 0; i < validation.labels.length; i++) positives += validation.labels[i]!;
  if (positives === 0 || positives === validation.rowCount) {
    throw new TrainingDataError(
      `validation labels need both classes; found ${positives} positives in ${validation.rowCount} rows`,
    );
  }
}

/**
 * Validation ROC AUC and log loss of one epoch's predictions.
 *
 * @throws Error when a prediction is not a probability: the weights have diverged
 *   to NaN/Infinity, and continuing would only checkpoint garbage
 */
export function validationScores(
  labels: Float32Array,
  probabilities: Float32Array,
  epoch: number,
): { valRocAuc: number; valLoss: number } {
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i]!;
    if (!(p >= 0 && p <= 1))
      throw new Error(`training diverged at epoch ${epoch}: validation prediction ${i} is ${p}`);
  }
  return { valRocAuc: rocAuc(labels, probabilities), valLoss: logLoss(labels, probabilities) };
}
