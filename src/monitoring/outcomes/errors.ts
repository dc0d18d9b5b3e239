/** Errors of the outcome store and its import. */
import { DomainError, FailureType } from '../../core/errors';

/**
 * Thrown when outcomes cannot be read: a CSV or body that does not follow the
 * format. Names the file (or `request body`), the line or item, the column or
 * field, and the problem; retrying cannot help.
 */
export class OutcomeInputError extends DomainError {
  override readonly name = 'OutcomeInputError';
  constructor(
    message: string,
    readonly source: string,
    readonly line?: number,
    readonly column?: string,
  ) {
    super(message, {
      failureType: FailureType.InvalidInput,
      details: { source, line: line ?? null, column: column ?? null },
    });
  }
}
