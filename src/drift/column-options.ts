import type { SummaryOptions } from './column-summary';
import { DriftInputError, DriftInputReason } from './errors';
import {
  DEFAULT_THRESHOLDS,
  DRIFT_METHODS,
  METHOD_COLUMN_TYPES,
  isDriftMethod,
  type ColumnDriftType,
  type DriftMethod,
} from './method-selection';

/** How to score one column; every field is optional. */
export interface ColumnDriftOptions extends SummaryOptions {
  /** Force a method instead of Evidently's default choice; it must accept the column type. */
  readonly method?: DriftMethod;
  /** Drift threshold; defaults to the method's own ({@link DEFAULT_THRESHOLDS}). */
  readonly threshold?: number;
  /**
   * Numeric columns: whether pandas would hold the values as integers, which
   * changes Sturges' bin width for huge samples (see `sturgesBinEdges`).
   * Defaults to "every value is an integer".
   */
  readonly integerValued?: boolean;
}

/**
 * The method and threshold for one column: the requested method (checked to
 * exist and to accept the column type, Evidently's `allowed_feature_types`)
 * or `fallback()`, and the requested threshold or the method's default.
 *
 * @throws {@link DriftInputError} `invalid-option` or `method-not-applicable`, naming the column
 */
export function resolveMethod(
  column: string,
  type: ColumnDriftType,
  options: ColumnDriftOptions,
  fallback: () => DriftMethod,
): { method: DriftMethod; threshold: number } {
  let method: DriftMethod;
  if (options.method === undefined) {
    method = fallback();
  } else {
    const requested: unknown = options.method;
    if (!isDriftMethod(requested)) {
      throw new DriftInputError(
        `Column '${column}': unknown drift method ${JSON.stringify(requested)}; expected one of ${DRIFT_METHODS.join(', ')}`,
        DriftInputReason.InvalidOption,
        { column },
      );
    }
    if (!METHOD_COLUMN_TYPES[requested].includes(type)) {
      throw new DriftInputError(
        `Column '${column}': method '${requested}' does not apply to ${type} columns ` +
          `(it accepts ${METHOD_COLUMN_TYPES[requested].join(' and ')})`,
        DriftInputReason.MethodNotApplicable,
        { column },
      );
    }
    method = requested;
  }
  const threshold = options.threshold ?? DEFAULT_THRESHOLDS[method];
  if (!Number.isFinite(threshold)) {
    throw new DriftInputError(
      `Column '${column}': threshold must be a finite number, got ${String(threshold)}`,
      DriftInputReason.InvalidOption,
      { column },
    );
  }
  return { method, threshold };
}

/**
 * Checks `maxCategories` and `histogramBins`.
 *
 * @throws {@link DriftInputError} `invalid-option`, naming the column
 */
export function checkSummaryOptions(column: string, options: SummaryOptions): void {
  const { maxCategories, histogramBins } = options;
  if (maxCategories !== undefined && !(Number.isInteger(maxCategories) && maxCategories >= 1)) {
    throw new DriftInputError(
      `Column '${column}': maxCategories must be a positive integer, got ${maxCategories}`,
      DriftInputReason.InvalidOption,
      { column },
    );
  }
  if (histogramBins !== undefined && !(Number.isInteger(histogramBins) && histogramBins >= 1)) {
    throw new DriftInputError(
      `Column '${column}': histogramBins must be a positive integer, got ${histogramBins}`,
      DriftInputReason.InvalidOption,
      { column },
    );
  }
}
