/** Errors of the model area. Each names what it is about and whether a retry can help. */
import { DomainError, FailureType } from '../core/errors';

/**
 * Thrown when training parameters are out of range or of the wrong type. Not
 * worth retrying: the same input fails the same way.
 */
export class TrainingParamsError extends DomainError {
  override readonly name = 'TrainingParamsError';

  /** @param field - the offending parameter, e.g. `batchSize` */
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`trainingParams.${field}: ${detail}`, {
      failureType: FailureType.InvalidInput,
      details: { field: `trainingParams.${field}` },
    });
  }
}

/**
 * Thrown when training data cannot be trained on: shape mismatch between train
 * and validation, non-0/1 labels, or a split with only one class. Not worth
 * retrying.
 */
export class TrainingDataError extends DomainError {
  override readonly name = 'TrainingDataError';
  constructor(message: string) {
    super(message, { failureType: FailureType.InvalidDataset });
  }
}

/**
 * Thrown when a saved model (`model.json`, `weights.bin`) is missing, unreadable,
 * corrupt, or the two files do not belong together. Not worth retrying unless
 * the file is being written by someone else at that moment.
 */
export class ModelArtifactError extends DomainError {
  override readonly name = 'ModelArtifactError';

  /** @param file - path of the offending file */
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`, { failureType: FailureType.InvalidArtifact, details: { file } });
  }
}
