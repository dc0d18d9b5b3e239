/** Errors for caller-supplied paths: both are non-retryable `InvalidInput` failures. */
import { DomainError, FailureType } from '../core/errors';

/**
 * Thrown when a path given by a caller (CLI, CI, workflow input) would leave the
 * folder it is allowed to use, through `..`, an absolute path or a symlink.
 */
export class PathOutsideRootError extends DomainError {
  override readonly name = 'PathOutsideRootError';

  /**
   * @param requested - the path as the caller gave it
   * @param root - the real path of the folder it had to stay in
   */
  constructor(
    readonly requested: string,
    readonly root: string,
  ) {
    super(`path "${requested}" is outside the allowed folder ${root}`, {
      failureType: FailureType.InvalidInput,
      details: { path: requested },
    });
  }
}

/**
 * Thrown when a caller-supplied path cannot be a path at all: not a string,
 * empty, with a NUL byte, far too long, or a symlink loop.
 */
export class InvalidPathError extends DomainError {
  override readonly name = 'InvalidPathError';

  /**
   * @param requested - the path as given (NUL bytes shown escaped in the message)
   * @param reason - what is wrong with it
   */
  constructor(
    readonly requested: string,
    readonly reason: string,
  ) {
    super(`path ${JSON.stringify(requested)} is not usable: ${reason}`, {
      failureType: FailureType.InvalidInput,
      details: { path: requested },
    });
  }
}
