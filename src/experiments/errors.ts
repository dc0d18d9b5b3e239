/** Errors of the experiment domain: settings, routing tables, batches. */
import { DomainError, FailureType } from '../core/errors';

/**
 * Thrown when experiment settings, a routing table being written, or a control
 * (canary share, who asks) break their rules. Names the field and the problem;
 * retrying cannot help.
 */
export class ExperimentInputError extends DomainError {
  override readonly name = 'ExperimentInputError';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message, { failureType: FailureType.InvalidInput, details: { field } });
  }
}
