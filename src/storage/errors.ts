import { DomainError, FailureType } from '../core/errors';

/** Stable codes for artifact-store failures. */
export const StoreErrorCode = {
  /** No object under that key. */
  NotFound: 'NOT_FOUND',
  /** The object's bytes do not match the checksum recorded (or expected) for them. */
  Corrupted: 'CORRUPTED',
  /** A key that is not a safe relative name (`..`, empty or hidden segments, a leading `/`). */
  InvalidKey: 'INVALID_KEY',
  /** MLOPS_STORE or the AWS variables are malformed, or the store they name cannot work. */
  Misconfigured: 'MISCONFIGURED',
  /** The store did not answer (network, throttling, a lock held a moment too long): retried. */
  Unavailable: 'UNAVAILABLE',
} as const;
export type StoreErrorCode = (typeof StoreErrorCode)[keyof typeof StoreErrorCode];

/**
 * Thrown by an artifact store: a missing or corrupted object, an unsafe key, a
 * configuration that cannot work, or a store that did not answer. Only
 * `UNAVAILABLE` is worth retrying.
 */
export class StoreError extends DomainError {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    /** The key (or the MLOPS_STORE value) the problem is about. */
    readonly subject?: string,
    cause?: unknown,
  ) {
    const retryable = code === StoreErrorCode.Unavailable;
    super(message, {
      failureType: retryable
        ? FailureType.Unavailable
        : code === StoreErrorCode.Corrupted
          ? FailureType.InvalidArtifact
          : FailureType.InvalidInput,
      retryable,
      details: { code, ...(subject === undefined ? {} : { subject }) },
      ...(cause === undefined ? {} : { cause }),
    });
  }
}
