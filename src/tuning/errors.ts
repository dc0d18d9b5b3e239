/** Errors of the tuning area. Each names what it is about; none is worth retrying. */
import { DomainError, FailureType } from '../core/errors';

/**
 * Thrown when a search-space file cannot be read, is not JSON/YAML, or breaks
 * the format. Not worth retrying: the file must be fixed.
 */
export class SearchSpaceError extends DomainError {
  override readonly name = 'SearchSpaceError';

  /**
   * @param source - the file (or `<inline>`) the space came from
   * @param field - dotted path of the offending field (`parameters.learningRate.low`), or undefined for whole-file problems
   */
  constructor(
    readonly source: string,
    readonly field: string | undefined,
    readonly problem: string,
  ) {
    super(`${source}${field === undefined ? '' : `: field "${field}"`}: ${problem}`, {
      failureType: FailureType.InvalidInput,
      details: { file: source, field: field ?? null, problem },
    });
  }
}

/**
 * Thrown when a study's settings (sampler, pruner, trial counts, an enqueued
 * configuration) are out of range. Not worth retrying.
 */
export class StudySettingsError extends DomainError {
  override readonly name = 'StudySettingsError';

  /** @param field - the offending setting, e.g. `pruner.nWarmupSteps` */
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`, { failureType: FailureType.InvalidInput, details: { field, problem } });
  }
}
