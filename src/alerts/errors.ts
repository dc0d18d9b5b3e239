/** Errors of the alerting area. */
import { DomainError, FailureType } from '../core/errors';

/**
 * Thrown when a webhook answers with an error status or cannot be reached.
 * Retrying may help after network errors, timeouts, 408, 429 and 5xx; other
 * 4xx (wrong URL, revoked token) will not, so they are the worker's
 * configuration at fault (`InvalidInput`).
 */
export class WebhookError extends DomainError {
  override readonly name = 'WebhookError';
  constructor(
    message: string,
    readonly url: string,
    readonly status: number | undefined,
    retryable: boolean,
  ) {
    super(message, {
      failureType: retryable ? FailureType.Unavailable : FailureType.InvalidInput,
      retryable,
      details: { status: status ?? null },
    });
  }
}
