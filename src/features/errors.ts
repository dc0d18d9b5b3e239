/** Errors of the feature-engineering area. */
import { DomainError, FailureType } from '../core/errors';

/**
 * Thrown when `preprocessor.json` is missing, is not JSON, or does not match the
 * `PreprocessorState` schema. Not worth retrying: the file must be rewritten.
 */
export class PreprocessorFileError extends DomainError {
  override readonly name = 'PreprocessorFileError';

  /**
   * @param file - path of the offending file
   * @param field - dotted path of the offending field (`featureNames`, `scaled.2.std`), or undefined for whole-file problems
   */
  constructor(
    readonly file: string,
    readonly field: string | undefined,
    detail: string,
  ) {
    super(`${file}${field === undefined ? '' : `: field "${field}"`}: ${detail}`, {
      failureType: FailureType.InvalidArtifact,
      details: { file, field: field ?? null },
    });
  }
}
