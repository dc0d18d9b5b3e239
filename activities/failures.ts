import { ApplicationFailure } from '@temporalio/common';
import { isDomainError } from '../src/core/errors';

export { FailureType } from '../src/core/errors';

/**
 * Decides at the activity boundary whether a failure is worth retrying, by
 * reading what the domain error says about itself (`failureType`,
 * `retryable`): bad data, bad input, broken artifacts and registry conflicts
 * become non-retryable `ApplicationFailure`s whose message names the file,
 * line, column or field; a retryable domain error keeps its type and is
 * retried; anything else (I/O hiccups, a killed process) is rethrown and retried.
 */
export function toActivityFailure(error: unknown): unknown {
  if (!isDomainError(error)) return error;
  return ApplicationFailure.create({
    message: error.message,
    type: error.failureType,
    nonRetryable: !error.retryable,
    ...(error.details ? { details: [error.details] } : {}),
    ...(error.cause instanceof Error ? { cause: error.cause } : {}),
  });
}

/** Runs `fn`, converting domain errors with {@link toActivityFailure}. */
export async function withFailureMapping<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toActivityFailure(error);
  }
}
