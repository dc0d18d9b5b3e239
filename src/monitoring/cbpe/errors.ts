/** Errors of the CBPE estimator. */
import { DomainError, FailureType } from '../../core/errors';

/** Thrown when CBPE gets input it cannot use; the message names the problem. Retrying does not help. */
export class CbpeInputError extends DomainError {
  override readonly name = 'CbpeInputError';
  constructor(message: string) {
    super(message, { failureType: FailureType.InvalidDataset });
  }
}
