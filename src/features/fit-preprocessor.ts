/**
 * Learns the preprocessor from the TRAINING rows only: vocabularies and scaling
 * statistics never look at validation or test rows, so evaluation measures how
 * the model does on data it has not influenced in any way.
 */
import type { ColumnTable } from 'arquero';
import {
  BINARY_COLUMNS,
  DERIVED_FLAG_FEATURES,
  LANGUAGE_COUNT_FEATURE,
  LOG1P_COLUMNS,
  MULTI_HOT_COLUMNS,
  ONE_HOT_COLUMNS,
  PREPROCESSOR_LABEL_COLUMN,
  SCALED_COLUMNS,
} from './feature-spec';
import { denseFeatureAt, requiredColumns } from './feature-source';
import {
  PREPROCESSOR_FORMAT_VERSION,
  featureNamesFor,
  type CategoryVocabulary,
  type PreprocessorState,
  type ScaledFeature,
} from './preprocessor-state';
import { applyScaleTransform, meanAndStd } from './scaling';
import { checkRowIndices, createLanguageSetParser, requireColumns, stringsAt } from './table-columns';

/** Distinct non-missing values, sorted by code unit so the order never depends on locale or row order. */
function sortedDistinct(values: Iterable<string | undefined>): string[] {
  const seen = new Set<string>();
  for (const v of values) if (v !== undefined) seen.add(v);
  return [...seen].sort();
}

/**
 * Fits one-hot and multi-hot vocabularies, derived pair features and numeric
 * standardisation on `trainRows` of `table`.
 *
 * @param table - a dataset table with the schema's columns (extra columns are ignored)
 * @param trainRows - indices of the training rows, into the table's rows as `table.array()` returns them
 * @throws Error when a column is missing, a row index is out of range, there are no
 *   training rows, or a numeric cell is not finite
 */
export function fitPreprocessor(table: ColumnTable, trainRows: ArrayLike<number>): PreprocessorState {
  const context = 'fitPreprocessor';
  if (trainRows.length === 0) throw new Error(`${context}: no training rows`);
  checkRowIndices(trainRows, table.numRows(), context);

  const scaledNames = [...SCALED_COLUMNS, LANGUAGE_COUNT_FEATURE];
  const flags = [...BINARY_COLUMNS, ...DERIVED_FLAG_FEATURES];
  const asColumns = (names: readonly string[]): { column: string }[] => names.map((column) => ({ column }));
  const inputs = requiredColumns({
    scaled: scaledNames.map((name) => ({ name })),
    flags,
    oneHot: asColumns(ONE_HOT_COLUMNS),
    multiHot: asColumns(MULTI_HOT_COLUMNS),
  });
  requireColumns(table, inputs, context);

  const scaled: ScaledFeature[] = scaledNames.map((name) => {
    const transform = LOG1P_COLUMNS.has(name) ? 'log1p' : 'identity';
    const values = denseFeatureAt(table, name, trainRows);
    applyScaleTransform(values, transform, name);
    return { name, transform, ...meanAndStd(values) };
  });

  const oneHot: CategoryVocabulary[] = ONE_HOT_COLUMNS.map((column) => ({
    column,
    vocabulary: sortedDistinct(stringsAt(table, column, trainRows)),
  }));

  const multiHot: CategoryVocabulary[] = MULTI_HOT_COLUMNS.map((column) => {
    const parse = createLanguageSetParser();
    const members = new Set<string>();
    for (const cell of stringsAt(table, column, trainRows)) parse(cell).forEach((m) => members.add(m));
    return { column, vocabulary: sortedDistinct(members) };
  });

  const state = {
    formatVersion: PREPROCESSOR_FORMAT_VERSION,
    labelColumn: PREPROCESSOR_LABEL_COLUMN,
    fittedRowCount: trainRows.length,
    scaled,
    flags,
    oneHot,
    multiHot,
  };
  return { ...state, featureNames: featureNamesFor(state) };
}
