/**
 * How a column is tested for drift, as numbers or as categories: from the
 * dataset schema's kinds, or inferred with Evidently's rules.
 */
import type { CsvDtype } from '../data/csv-column-dtype';
import type { ColumnKind } from '../data/schema';
import type { CategoryValue } from './category-counts';
import type { ColumnValues } from './column-drift';
import type { ColumnDriftType } from './method-selection';

/**
 * Evidently's column types that drift detection meets: `Numerical` and
 * `Categorical` are tested; `Text` gets Evidently's text-content drift (a
 * classifier between the two samples, not implemented here); `Unknown` is
 * left out of `DataDriftPreset` altogether.
 */
export type EvidentlyColumnType = 'numerical' | 'categorical' | 'text' | 'unknown';

/**
 * Integer columns with at most this many distinct values are categorical
 * (Evidently's `INTEGER_CARDINALITY_LIMIT`).
 */
export const INTEGER_CARDINALITY_LIMIT = 10;

/** A column as pandas holds it: what Evidently's `infer_column_type` looks at. */
export interface PandasColumn {
  readonly dtype: CsvDtype;
  /** One value per row, null where missing. */
  readonly values: ArrayLike<CategoryValue | null>;
}

/** Distinct non-missing values and non-missing cells of a column (pandas' `nunique()` and `count()`). */
export function columnCardinality(values: ArrayLike<CategoryValue | null>): {
  distinct: number;
  count: number;
} {
  const seen = new Set<CategoryValue>();
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
    seen.add(v);
    count++;
  }
  return { distinct: seen.size, count };
}

function firstAndLastPresent(
  values: ArrayLike<CategoryValue | null>,
): [CategoryValue | undefined, CategoryValue | undefined] {
  let first: CategoryValue | undefined;
  let last: CategoryValue | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    first ??= v;
    last = v;
  }
  return [first, last];
}

/**
 * Evidently 0.7's `infer_column_type` (`evidently/core/datasets.py`), which
 * `Dataset.from_pandas` runs on every column it is not told about:
 *
 * | pandas dtype | type |
 * | --- | --- |
 * | `float64` | numerical |
 * | `int64` | categorical with ≤ 10 distinct values, else numerical |
 * | `bool` | categorical |
 * | `object` of strings | text when distinct values > half the non-missing cells, else categorical |
 * | `object` of anything else (booleans with gaps), or empty | unknown |
 *
 * A report uses the current dataset's types (`Report.run(current, reference)`
 * takes its data definition from `current`), so call this on the current side.
 */
export function evidentlyColumnType(column: PandasColumn): EvidentlyColumnType {
  switch (column.dtype) {
    case 'float64':
      return 'numerical';
    case 'int64':
      return columnCardinality(column.values).distinct <= INTEGER_CARDINALITY_LIMIT
        ? 'categorical'
        : 'numerical';
    case 'bool':
      return 'categorical';
    case 'object': {
      const [first, last] = firstAndLastPresent(column.values);
      if (first === undefined) return 'unknown';
      if (typeof first === 'string' && typeof last === 'string') {
        const { distinct, count } = columnCardinality(column.values);
        return distinct > count * 0.5 ? 'text' : 'categorical';
      }
      return 'unknown';
    }
  }
}

/**
 * How a schema column kind is tested: `integer` and `number` as numeric;
 * `categorical` and `binary` as categories; `categorical_set` (a
 * `|`-separated language set such as `english|spanish`) as categories of its
 * raw string, so each distinct combination is one category, and a change in
 * the mix of combinations is what drifts.
 */
export function columnTypeOfKind(kind: ColumnKind): ColumnDriftType {
  return kind === 'integer' || kind === 'number' ? 'numeric' : 'categorical';
}

/**
 * An approximation of Evidently's `infer_column_type` from JS values alone,
 * for a column known to neither the schema nor `columnTypes` of
 * `detectDatasetDrift`: strings or booleans → categorical; numbers → numeric,
 * except integer-valued columns with at most {@link INTEGER_CARDINALITY_LIMIT}
 * distinct values (pandas' int64 with few values) → categorical. Call it on
 * the current values, as Evidently does. Without the file it cannot see what
 * pandas would (`1.0` is a float, an integer column with a gap is float64,
 * strings may be text): `drift compare` types CSV columns with
 * {@link evidentlyColumnType} instead. Evidently would call a high-cardinality
 * string column "text"; here it stays categorical.
 */
export function inferColumnType(values: ColumnValues): ColumnDriftType {
  const distinct = new Set<number>();
  let integers = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (typeof v !== 'number') return 'categorical';
    if (!Number.isFinite(v)) continue;
    if (!Number.isInteger(v)) integers = false;
    else if (distinct.size <= INTEGER_CARDINALITY_LIMIT) distinct.add(v);
  }
  return integers && distinct.size <= INTEGER_CARDINALITY_LIMIT ? 'categorical' : 'numeric';
}
