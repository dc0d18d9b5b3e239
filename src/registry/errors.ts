import { DomainError, FailureType } from '../core/errors';

/** Stable codes for registry failures; each is a non-retryable failure type. */
export const RegistryErrorCode = {
  VersionNotFound: 'VERSION_NOT_FOUND',
  ChecksumMismatch: 'CHECKSUM_MISMATCH',
  ProductionChanged: 'PRODUCTION_CHANGED',
  NoPreviousVersion: 'NO_PREVIOUS_VERSION',
  LockHeld: 'LOCK_HELD',
  InvalidRecord: 'INVALID_RECORD',
  /** The last switch was a rollback: another one must name its target. */
  RollbackTargetRequired: 'ROLLBACK_TARGET_REQUIRED',
  /** A rollback target that was never production, or is production now. */
  NotARollbackTarget: 'NOT_A_ROLLBACK_TARGET',
} as const;
export type RegistryErrorCode = (typeof RegistryErrorCode)[keyof typeof RegistryErrorCode];

/**
 * Thrown by the model registry when an operation cannot succeed as asked:
 * a version that does not exist, artifacts whose checksums do not match their
 * manifest, production that moved since a decision was taken, a rollback with no
 * backup, or a model lock held by another run. Retrying does not help.
 */
export class RegistryError extends DomainError {
  override readonly name = 'RegistryError';
  constructor(
    readonly code: RegistryErrorCode,
    message: string,
    /** The file or version the problem is about, when there is one. */
    readonly subject?: string,
  ) {
    // A corrupt artifact, whichever check finds it, has the same type as ModelArtifactError's.
    super(
      message,
      code === RegistryErrorCode.ChecksumMismatch
        ? { failureType: FailureType.InvalidArtifact, details: { code, file: subject ?? null } }
        : { failureType: FailureType.Registry, details: { code, subject: subject ?? null } },
    );
  }
}

/**
 * Thrown when a rollback request is malformed: no one named as asking, a reason
 * or target that is not text. Retrying the same request cannot help.
 */
export class RollbackRequestError extends DomainError {
  override readonly name = 'RollbackRequestError';
  constructor(message: string) {
    super(message, { failureType: FailureType.InvalidInput });
  }
}
