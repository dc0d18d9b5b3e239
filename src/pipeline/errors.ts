/** Errors of the pipeline steps: inputs a step cannot start from. */
import { DomainError, FailureType } from '../core/errors';

/** Thrown when an evaluation cannot start: no production model to evaluate. */
export class EvaluationInputError extends DomainError {
  override readonly name = 'EvaluationInputError';
  constructor(message: string) {
    super(message, { failureType: FailureType.InvalidInput });
  }
}

/** Thrown when a drift check cannot start: no production model, or no current data file. */
export class DriftCheckInputError extends DomainError {
  override readonly name = 'DriftCheckInputError';
  constructor(
    message: string,
    /** The file or folder the problem is about. */
    readonly subject: string,
  ) {
    super(message, { failureType: FailureType.InvalidInput, details: { subject } });
  }
}

/**
 * Thrown when the dataset a step was asked to read cannot be the one meant:
 * missing, not a regular file (a folder, or a pipe that would block the read),
 * or changed since the caller hashed it. Retrying does not change that.
 */
export class DatasetInputError extends DomainError {
  override readonly name = 'DatasetInputError';
  constructor(
    /** The dataset as the caller named it. */
    readonly dataset: string,
    message: string,
  ) {
    super(message, { failureType: FailureType.InvalidInput, details: { path: dataset } });
  }
}
