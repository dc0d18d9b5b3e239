import { DomainError, FailureType } from '../core/errors';

/** Which argument of a metric function was wrong. */
export type MetricInputField = 'labels' | 'scores' | 'threshold' | 'nBins';

/**
 * Thrown when a metric function gets inputs it cannot score: arrays of
 * different lengths, an empty input, a label other than 0/1, a score that is
 * not finite (or, where probabilities are required, outside [0, 1]), or a bad
 * parameter. The message names the function, the argument and the index.
 *
 * This is a data problem, not a transient one: an activity that catches it
 * should fail without retrying.
 */
export class MetricInputError extends DomainError {
  override readonly name = 'MetricInputError';

  /**
   * @param message - full human-readable message (already names function, field and index)
   * @param metric - the function that rejected its input, e.g. `rocAuc`
   * @param field - the offending argument
   * @param index - position of the offending element, when one element is at fault
   */
  constructor(
    message: string,
    readonly metric: string,
    readonly field: MetricInputField,
    readonly index?: number,
  ) {
    super(message, { failureType: FailureType.InvalidDataset, details: { metric, field, index } });
  }
}
