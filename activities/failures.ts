import { ApplicationFailure } from '@temporalio/common';
import { PathOutsideRootError } from '../src/config/confine-path';
import { DatasetValidationError } from '../src/data';
import { RegistryError } from '../src/registry';

/** Failure types the workflows treat as final. */
export const FailureType = {
  InvalidDataset: 'InvalidDataset',
  InvalidInput: 'InvalidInput',
  Registry: 'RegistryError',
} as const;

/**
 * Decides at the activity boundary whether a failure is worth retrying: bad
 * data, bad input and registry conflicts become non-retryable
 * `ApplicationFailure`s whose message names the file, line, column or field;
 * anything else (I/O hiccups, a killed process) is rethrown and retried.
 */
export function toActivityFailure(error: unknown): unknown {
  if (error instanceof DatasetValidationError) {
    return ApplicationFailure.create({
      message: error.message,
      type: FailureType.InvalidDataset,
      nonRetryable: true,
      details: [{ file: error.file, row: error.row ?? null, column: error.column ?? null, problem: error.problem }],
    });
  }
  if (error instanceof PathOutsideRootError) {
    return ApplicationFailure.create({ message: error.message, type: FailureType.InvalidInput, nonRetryable: true });
  }
  if (error instanceof RegistryError) {
    return ApplicationFailure.create({
      message: error.message,
      type: FailureType.Registry,
      nonRetryable: true,
      details: [{ code: error.code, subject: error.subject ?? null }],
    });
  }
  return error;
}

/** Runs `fn`, converting domain errors with {@link toActivityFailure}. */
export async function withFailureMapping<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toActivityFailure(error);
  }
}
