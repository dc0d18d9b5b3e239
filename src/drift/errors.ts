import { DomainError, FailureType } from '../core/errors';

/** Which of the two datasets a drift check compares. */
export type DatasetSide = 'reference' | 'current';

/** Why a drift check rejected its input; stable strings an activity can map to a failure `type`. */
export const DriftInputReason = {
  /** A dataset has no rows. */
  EmptyDataset: 'empty-dataset',
  /** A column has no usable (non-null, finite) value on one side. */
  EmptyColumn: 'empty-column',
  /** Reference and current do not have the same column names. */
  ColumnMismatch: 'column-mismatch',
  /** The columns of one dataset have different lengths. */
  RaggedColumns: 'ragged-columns',
  /** A numeric column holds something other than a number. */
  NonNumericValue: 'non-numeric-value',
  /** A categorical column holds something other than a string or a number. */
  InvalidCategory: 'invalid-category',
  /** The requested method cannot score this column type (Evidently's `allowed_feature_types`). */
  MethodNotApplicable: 'method-not-applicable',
  /** An option (threshold, share, method name, bin count…) is out of range. */
  InvalidOption: 'invalid-option',
  /** There is nothing to compare. */
  NoColumns: 'no-columns',
} as const;
/** One of the {@link DriftInputReason} strings. */
export type DriftInputReason = (typeof DriftInputReason)[keyof typeof DriftInputReason];

/** Context attached to a {@link DriftInputError}; every field is optional. */
export interface DriftInputErrorContext {
  /** The column at fault. */
  readonly column?: string;
  /** The dataset at fault. */
  readonly side?: DatasetSide;
  /** Position of the offending value, when one value is at fault. */
  readonly index?: number;
  /** Columns of the reference that the current dataset lacks. */
  readonly missingColumns?: readonly string[];
  /** Columns of the current dataset that the reference lacks. */
  readonly extraColumns?: readonly string[];
}

/**
 * Thrown when a drift check gets data or options it cannot score: an empty
 * dataset, a column that is empty (or all null) on one side, different column
 * sets, a string in a numeric column, a method that does not apply to the
 * column's type, or an option out of range. The message names the column and
 * the side; the same facts are on readonly fields.
 *
 * This is a data or configuration problem, not a transient one: an activity
 * that catches it should fail without retrying.
 */
export class DriftInputError extends DomainError {
  override readonly name = 'DriftInputError';
  /** The column at fault, when one is. */
  readonly column: string | undefined;
  /** The dataset at fault, when one is. */
  readonly side: DatasetSide | undefined;
  /** Position of the offending value, when one value is at fault. */
  readonly index: number | undefined;
  /** Reference columns missing from the current dataset (column mismatch only). */
  readonly missingColumns: readonly string[];
  /** Current columns missing from the reference (column mismatch only). */
  readonly extraColumns: readonly string[];

  /**
   * @param message - full human-readable message, naming column and side where there is one
   * @param reason - machine-readable cause
   * @param context - the column, side, index and column lists the message talks about
   */
  constructor(
    message: string,
    readonly reason: DriftInputReason,
    context: DriftInputErrorContext = {},
  ) {
    super(message, {
      failureType: FailureType.InvalidDataset,
      details: { reason, column: context.column ?? null, side: context.side ?? null },
    });
    this.column = context.column;
    this.side = context.side;
    this.index = context.index;
    this.missingColumns = context.missingColumns ?? [];
    this.extraColumns = context.extraColumns ?? [];
  }
}
