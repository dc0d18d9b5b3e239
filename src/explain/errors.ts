/** Errors of the explanation area. */
import { DomainError, FailureType } from '../core/errors';

/**
 * Thrown when an explanation cannot be computed from what it was given: a row
 * outside its table, a missing column, a background without rows, an option out
 * of range, or an encoder the coalition builder cannot split by column. Not
 * worth retrying: the same input fails the same way.
 */
export class ExplainInputError extends DomainError {
  override readonly name = 'ExplainInputError';
  /**
   * @param field - the option, column or argument at fault (`samples`, `client_age`, `row`)
   */
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`, { failureType: FailureType.InvalidInput, details: { field } });
  }
}
