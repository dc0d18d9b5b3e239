import { DomainError, FailureType } from '../core/errors';

/** Stable codes for run-tracking failures. */
export const TrackingErrorCode = {
  /** No run record with that id. */
  RunNotFound: 'RUN_NOT_FOUND',
  /** A run with that id already exists and belongs to another workflow run. */
  RunExists: 'RUN_EXISTS',
  /** An id that is not safe as a file name. */
  InvalidRunId: 'INVALID_RUN_ID',
  /** A stored record that is not valid JSON or not a run record. */
  InvalidRecord: 'INVALID_RECORD',
  /** A run's lock could not be taken before the deadline (transient: retrying can help). */
  LockTimeout: 'LOCK_TIMEOUT',
  /** A record in a shared store kept changing under an update (transient: retrying can help). */
  UpdateConflict: 'UPDATE_CONFLICT',
} as const;
export type TrackingErrorCode = (typeof TrackingErrorCode)[keyof typeof TrackingErrorCode];

/**
 * Thrown by the run store: an unknown or malformed run id, a duplicate run, a
 * damaged record file, a lock held too long or an update that kept losing to
 * others. Only `LOCK_TIMEOUT` and `UPDATE_CONFLICT` are worth retrying.
 */
export class TrackingError extends DomainError {
  override readonly name = 'TrackingError';
  constructor(
    readonly code: TrackingErrorCode,
    message: string,
    /** The run id or file the problem is about. */
    readonly subject?: string,
  ) {
    const retryable = code === TrackingErrorCode.LockTimeout || code === TrackingErrorCode.UpdateConflict;
    super(message, {
      failureType: retryable ? FailureType.Unavailable : FailureType.Registry,
      retryable,
      details: { code },
    });
  }
}
