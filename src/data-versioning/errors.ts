import { DomainError, FailureType } from '../core/errors';

/** Stable codes for DVC-pointer failures. */
export const DvcErrorCode = {
  /** The pointer's `path` would need YAML quoting, which this writer does not reproduce. */
  UnsupportedPath: 'UNSUPPORTED_PATH',
  /** The snapshot's data file is missing or differs in size from its manifest. */
  SnapshotMismatch: 'SNAPSHOT_MISMATCH',
} as const;
export type DvcErrorCode = (typeof DvcErrorCode)[keyof typeof DvcErrorCode];

/** Thrown when a `.dvc` pointer cannot be written as `dvc add` would write it. Not retryable. */
export class DvcError extends DomainError {
  override readonly name = 'DvcError';
  constructor(
    readonly code: DvcErrorCode,
    message: string,
    /** The path or md5 the problem is about. */
    readonly subject?: string,
  ) {
    super(message, {
      failureType:
        code === DvcErrorCode.SnapshotMismatch ? FailureType.InvalidArtifact : FailureType.InvalidInput,
      details: { code, subject: subject ?? null },
    });
  }
}
