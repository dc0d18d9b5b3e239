import { ApplicationFailure } from '@temporalio/common';
import { WebhookError } from '../src/alerts';
import { PathOutsideRootError } from '../src/config/confine-path';
import { DomainError, FailureType, NON_RETRYABLE_FAILURE_TYPES } from '../src/core/errors';
import { DatasetProblem, DatasetValidationError, SnapshotError, SnapshotErrorCode } from '../src/data';
import { MlflowError } from '../src/tracking/mlflow';
import { RegistryError, RegistryErrorCode } from '../src/registry';
import { TrackingError, TrackingErrorCode } from '../src/tracking';
import { toActivityFailure } from './failures';

function failureOf(error: unknown): ApplicationFailure {
  const failure = toActivityFailure(error);
  expect(failure).toBeInstanceOf(ApplicationFailure);
  return failure as ApplicationFailure;
}

describe('toActivityFailure reads the domain error instead of guessing from its class', () => {
  it('makes bad data final, with the facts as details', () => {
    const failure = failureOf(
      new DatasetValidationError({
        file: 'data/x.csv',
        problem: DatasetProblem.OutOfRange,
        detail: 'expected a number between 1 and 5, got "6.2"',
        row: 7,
        column: 'lawyer_rating',
      }),
    );
    expect(failure).toMatchObject({
      type: FailureType.InvalidDataset,
      nonRetryable: true,
      message: 'data/x.csv line 7, column "lawyer_rating": expected a number between 1 and 5, got "6.2"',
      details: [{ file: 'data/x.csv', row: 7, column: 'lawyer_rating', problem: 'OUT_OF_RANGE' }],
    });
  });

  it('gives one error class several types where its code decides', () => {
    expect(failureOf(new RegistryError(RegistryErrorCode.ChecksumMismatch, 'bad', 'w.bin')).type).toBe(
      FailureType.InvalidArtifact,
    );
    expect(failureOf(new RegistryError(RegistryErrorCode.LockHeld, 'held')).type).toBe(FailureType.Registry);
    expect(failureOf(new SnapshotError(SnapshotErrorCode.InvalidMd5, 'md5', 'x')).type).toBe(
      FailureType.InvalidInput,
    );
    expect(failureOf(new SnapshotError(SnapshotErrorCode.Corrupted, 'bad', 'x')).type).toBe(
      FailureType.InvalidArtifact,
    );
    expect(failureOf(new PathOutsideRootError('../etc/passwd', '/data'))).toMatchObject({
      type: FailureType.InvalidInput,
      nonRetryable: true,
    });
  });

  it('keeps retryable domain errors retryable, under a type no retry policy stops on', () => {
    for (const error of [
      new TrackingError(TrackingErrorCode.LockTimeout, 'busy'),
      new WebhookError('503', 'http://x', 503, true),
      new MlflowError('down', 'GET /x', undefined, undefined, true),
    ]) {
      const failure = failureOf(error);
      expect(failure.nonRetryable).toBe(false);
      expect(NON_RETRYABLE_FAILURE_TYPES).not.toContain(failure.type);
    }
    expect(failureOf(new WebhookError('404', 'http://x', 404, false))).toMatchObject({
      type: FailureType.InvalidInput,
      nonRetryable: true,
    });
    expect(failureOf(new MlflowError('400', 'GET /x', 400, 'BAD', false))).toMatchObject({
      type: FailureType.MlflowRejected,
      nonRetryable: true,
    });
  });

  it('passes anything that is not a domain error through, for Temporal to retry', () => {
    const io = Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
    expect(toActivityFailure(io)).toBe(io);
    expect(new TrackingError(TrackingErrorCode.RunNotFound, 'x')).toBeInstanceOf(DomainError);
  });
});
