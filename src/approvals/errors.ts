/** Errors of the approval settings. */
import { DomainError, FailureType } from '../core/errors';

/** Thrown when `APPROVERS` is set but names nobody usable: the worker's configuration is wrong. */
export class ApproversConfigError extends DomainError {
  override readonly name = 'ApproversConfigError';
  constructor(message: string) {
    super(message, { failureType: FailureType.InvalidInput });
  }
}
