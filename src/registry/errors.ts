/** Stable codes for registry failures; activities map them to non-retryable failure types. */
export const RegistryErrorCode = {
  VersionNotFound: 'VERSION_NOT_FOUND',
  ChecksumMismatch: 'CHECKSUM_MISMATCH',
  ProductionChanged: 'PRODUCTION_CHANGED',
  NoPreviousVersion: 'NO_PREVIOUS_VERSION',
  LockHeld: 'LOCK_HELD',
  InvalidRecord: 'INVALID_RECORD',
} as const;
export type RegistryErrorCode = (typeof RegistryErrorCode)[keyof typeof RegistryErrorCode];

/**
 * Thrown by the model registry when an operation cannot succeed as asked:
 * a version that does not exist, artifacts whose checksums do not match their
 * manifest, production that moved since a decision was taken, a rollback with no
 * backup, or a model lock held by another run. Retrying does not help.
 */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  constructor(
    readonly code: RegistryErrorCode,
    message: string,
    /** The file or version the problem is about, when there is one. */
    readonly subject?: string,
  ) {
    super(message);
  }
}
