import { ApplicationFailure } from '@temporalio/common';
import { InvalidPathError, PathOutsideRootError } from '../src/config/confine-path';
import { DatasetValidationError, SnapshotError, SnapshotErrorCode } from '../src/data';
import { DriftInputError } from '../src/drift';
import { PromotionPolicyError } from '../src/evaluation';
import { DriftCheckInputError } from '../src/pipeline/check-drift';
import { EvaluationInputError } from '../src/pipeline/evaluate-model';
import { PreprocessorFileError } from '../src/features';
import { ModelArtifactError, TrainingDataError, TrainingParamsError } from '../src/model';
import { RegistryError, RegistryErrorCode } from '../src/registry';
import { TrackingError, TrackingErrorCode } from '../src/tracking';
import { FailureType } from '../src/core/errors';

export { FailureType } from '../src/core/errors';

function nonRetryable(error: Error, type: string, details?: Record<string, unknown>): ApplicationFailure {
  return ApplicationFailure.create({
    message: error.message,
    type,
    nonRetryable: true,
    ...(details ? { details: [details] } : {}),
  });
}

/**
 * Decides at the activity boundary whether a failure is worth retrying: bad
 * data, bad input, broken artifacts and registry conflicts become non-retryable
 * `ApplicationFailure`s whose message names the file, line, column or field;
 * anything else (I/O hiccups, a killed process) is rethrown and retried.
 */
export function toActivityFailure(error: unknown): unknown {
  if (error instanceof DatasetValidationError) {
    return nonRetryable(error, FailureType.InvalidDataset, {
      file: error.file,
      row: error.row ?? null,
      column: error.column ?? null,
      problem: error.problem,
    });
  }
  if (error instanceof TrainingDataError || error instanceof DriftInputError) {
    return nonRetryable(error, FailureType.InvalidDataset);
  }
  if (error instanceof DriftCheckInputError)
    return nonRetryable(error, FailureType.InvalidInput, { subject: error.subject });
  if (error instanceof PathOutsideRootError || error instanceof InvalidPathError) {
    return nonRetryable(error, FailureType.InvalidInput, { path: error.requested });
  }
  if (
    error instanceof EvaluationInputError ||
    error instanceof TrainingParamsError ||
    error instanceof PromotionPolicyError
  ) {
    return nonRetryable(error, FailureType.InvalidInput);
  }
  if (error instanceof ModelArtifactError || error instanceof PreprocessorFileError) {
    return nonRetryable(error, FailureType.InvalidArtifact);
  }
  if (error instanceof SnapshotError && error.code === SnapshotErrorCode.InvalidMd5) {
    return nonRetryable(error, FailureType.InvalidInput, { code: error.code, md5: error.md5 });
  }
  if (error instanceof SnapshotError) {
    // A corrupted or missing snapshot stays so on every retry.
    return nonRetryable(error, FailureType.InvalidArtifact, { code: error.code, md5: error.md5 });
  }
  if (error instanceof TrackingError && error.code !== TrackingErrorCode.LockTimeout) {
    return nonRetryable(error, FailureType.Registry, { code: error.code });
  }
  if (error instanceof RegistryError && error.code === RegistryErrorCode.ChecksumMismatch) {
    // A corrupt artifact, whichever check finds it: the same type as ModelArtifactError's.
    return nonRetryable(error, FailureType.InvalidArtifact, {
      code: error.code,
      file: error.subject ?? null,
    });
  }
  if (error instanceof RegistryError) {
    return nonRetryable(error, FailureType.Registry, { code: error.code, subject: error.subject ?? null });
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
