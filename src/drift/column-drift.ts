import type { BinningInput } from './binning';
import { countCategories, countSortedValues, type CategoryValue } from './category-counts';
import { chiSquaredTest } from './chi-squared-test';
import { checkSummaryOptions, resolveMethod, type ColumnDriftOptions } from './column-options';
import { categoricalSummaries, numericSummaries, type ColumnSummary } from './column-summary';
import { DriftInputError, DriftInputReason, type DatasetSide } from './errors';
import { jensenShannonDrift } from './jensen-shannon';
import { ksTwoSampleSorted } from './ks-two-sample';
import { isDrifted, selectDefaultMethod, type ColumnDriftType, type DriftMethod } from './method-selection';
import { countDistinctMerged, toNumericSample, type NumericSample } from './numeric-sample';
import { psiDrift } from './psi';
import { normalizedWassersteinSorted } from './wasserstein';
import { zTest } from './z-test';

/** A column's values as they come from a table: numbers, strings, booleans, nulls. */
export type ColumnValues = ArrayLike<CategoryValue | null | undefined>;

/** The drift verdict for one column. */
export interface ColumnDriftResult {
  readonly column: string;
  readonly type: ColumnDriftType;
  readonly method: DriftMethod;
  /** p-value for `ks`, `chisquare`, `z`; distance or index for `wasserstein`, `jensenshannon`, `psi`. */
  readonly score: number;
  readonly threshold: number;
  readonly drifted: boolean;
  readonly referenceSummary: ColumnSummary;
  readonly currentSummary: ColumnSummary;
}

function emptyColumnError(column: string, side: DatasetSide, rows: number): DriftInputError {
  // Evidently: "An empty column '…' was provided for drift calculation in the … dataset."
  return new DriftInputError(
    `An empty column '${column}' was provided for drift calculation in the ${side} dataset ` +
      `(no non-null value in ${rows} rows)`,
    DriftInputReason.EmptyColumn,
    { column, side },
  );
}

function numericSample(column: string, side: DatasetSide, values: ColumnValues): NumericSample {
  const sample = toNumericSample(values as ArrayLike<number>, ({ index, value }) => {
    throw new DriftInputError(
      `Column '${column}' in the ${side} dataset should contain numbers only; ` +
        `found ${JSON.stringify(value)} at row ${index}`,
      DriftInputReason.NonNumericValue,
      { column, side, index },
    );
  });
  if (sample.sorted.length === 0) throw emptyColumnError(column, side, values.length);
  return sample;
}

function isIntegerValued(a: Float64Array, b: Float64Array): boolean {
  for (const v of a) if (!Number.isInteger(v)) return false;
  for (const v of b) if (!Number.isInteger(v)) return false;
  return true;
}

function numericDrift(
  column: string,
  referenceValues: ColumnValues,
  currentValues: ColumnValues,
  options: ColumnDriftOptions,
): ColumnDriftResult {
  const reference = numericSample(column, 'reference', referenceValues);
  const current = numericSample(column, 'current', currentValues);
  const ref = reference.sorted;
  const cur = current.sorted;
  const { method, threshold } = resolveMethod(column, 'numeric', options, () =>
    selectDefaultMethod({
      type: 'numeric',
      referenceRows: ref.length,
      distinctValues: countDistinctMerged(ref, cur),
    }),
  );
  const integerValued = options.integerValued ?? isIntegerValued(ref, cur);
  const binning: BinningInput = { type: 'numeric', reference: ref, current: cur, integerValued };
  let score: number;
  switch (method) {
    case 'ks':
      score = ksTwoSampleSorted(ref, cur).pValue;
      break;
    case 'wasserstein':
      score = normalizedWassersteinSorted(ref, cur);
      break;
    // Default choices for numeric columns with ≤ 5 values: tested on their value counts.
    case 'chisquare':
      score = chiSquaredTest(countSortedValues(ref, cur)).pValue;
      break;
    case 'z':
      score = zTest(countSortedValues(ref, cur)).pValue;
      break;
    case 'jensenshannon':
      score = jensenShannonDrift(binning);
      break;
    case 'psi':
      score = psiDrift(binning);
      break;
  }
  const summaries = numericSummaries(reference, current, integerValued, options);
  return finish(column, 'numeric', method, score, threshold, summaries);
}

function categoricalDrift(
  column: string,
  referenceValues: ColumnValues,
  currentValues: ColumnValues,
  options: ColumnDriftOptions,
): ColumnDriftResult {
  const counts = countCategories(referenceValues, currentValues, ({ side, index, value }) => {
    throw new DriftInputError(
      `Column '${column}' in the ${side} dataset should contain strings, numbers or booleans only; ` +
        `found ${JSON.stringify(value)} at row ${index}`,
      DriftInputReason.InvalidCategory,
      { column, side, index },
    );
  });
  if (counts.referenceTotal === 0) throw emptyColumnError(column, 'reference', referenceValues.length);
  if (counts.currentTotal === 0) throw emptyColumnError(column, 'current', currentValues.length);
  const { method, threshold } = resolveMethod(column, 'categorical', options, () =>
    selectDefaultMethod({
      type: 'categorical',
      referenceRows: counts.referenceTotal,
      distinctValues: counts.keys.length,
    }),
  );
  const binning: BinningInput = { type: 'categorical', counts };
  let score: number;
  switch (method) {
    case 'chisquare':
      score = chiSquaredTest(counts).pValue;
      break;
    case 'z':
      score = zTest(counts).pValue;
      break;
    case 'jensenshannon':
      score = jensenShannonDrift(binning);
      break;
    case 'psi':
      score = psiDrift(binning);
      break;
    case 'ks':
    case 'wasserstein':
      // Unreachable: resolveMethod rejects numeric-only methods for categorical columns.
      throw new DriftInputError(
        `Column '${column}': method '${method}' does not apply to categorical columns`,
        DriftInputReason.MethodNotApplicable,
        { column },
      );
  }
  const summaries = categoricalSummaries(
    counts,
    { reference: counts.referenceDropped, current: counts.currentDropped },
    options,
  );
  return finish(column, 'categorical', method, score, threshold, summaries);
}

function finish(
  column: string,
  type: ColumnDriftType,
  method: DriftMethod,
  score: number,
  threshold: number,
  summaries: { reference: ColumnSummary; current: ColumnSummary },
): ColumnDriftResult {
  // Every method returns a finite score for non-empty input; a NaN here would be a bug, and must not
  // reach a JSON report (where it would silently become null).
  if (!Number.isFinite(score)) {
    throw new Error(`Column '${column}': ${method} produced a non-finite score (${score})`);
  }
  return {
    column,
    type,
    method,
    score,
    threshold,
    drifted: isDrifted(method, score, threshold),
    referenceSummary: summaries.reference,
    currentSummary: summaries.current,
  };
}

/**
 * Scores one column for drift between reference and current, choosing the
 * method as Evidently's DataDriftPreset does unless `options.method` is given
 * (see `selectDefaultMethod`), and summarises both sides for a report.
 *
 * Null, undefined, NaN and ±Infinity are dropped from each side first (as
 * Evidently does) and reported as `missing` in the summaries.
 *
 * @param column - the column's name, used in the result and in error messages
 * @param type - test as numbers or as categories
 * @throws {@link DriftInputError} when a side has no value left (`empty-column`), a numeric
 *   column holds a string (`non-numeric-value`), a categorical one holds an object
 *   (`invalid-category`), the method does not apply to the type (`method-not-applicable`)
 *   or an option is out of range (`invalid-option`)
 */
export function columnDrift(
  column: string,
  type: ColumnDriftType,
  reference: ColumnValues,
  current: ColumnValues,
  options: ColumnDriftOptions = {},
): ColumnDriftResult {
  checkSummaryOptions(column, options);
  return type === 'numeric'
    ? numericDrift(column, reference, current, options)
    : categoricalDrift(column, reference, current, options);
}

/** {@link columnDrift} for a numeric column. */
export function numericColumnDrift(
  column: string,
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options: ColumnDriftOptions = {},
): ColumnDriftResult {
  return columnDrift(column, 'numeric', reference, current, options);
}

/** {@link columnDrift} for a categorical column. */
export function categoricalColumnDrift(
  column: string,
  reference: ArrayLike<CategoryValue>,
  current: ArrayLike<CategoryValue>,
  options: ColumnDriftOptions = {},
): ColumnDriftResult {
  return columnDrift(column, 'categorical', reference, current, options);
}
