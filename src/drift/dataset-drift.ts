import { DATASET_COLUMNS, type ColumnSpec } from '../data/schema';
import { columnDrift, type ColumnDriftResult, type ColumnValues } from './column-drift';
import type { SummaryOptions } from './column-summary';
import { columnTypeOfKind, inferColumnType } from './column-types';
import { DriftInputError, DriftInputReason } from './errors';
import type { ColumnDriftType, DriftMethod } from './method-selection';

/** A dataset as plain columns: name → values (typed arrays, arrays, or arquero's column data). */
export type DatasetColumns = Readonly<Record<string, ColumnValues>>;

/** Evidently's default `drift_share`: the dataset drifts when at least half of its columns do. */
export const DEFAULT_DRIFT_SHARE = 0.5;

/**
 * Options of {@link detectDatasetDrift}. Methods and thresholds resolve as in
 * Evidently's `DataDriftOptions`: per column, then per type (numeric /
 * categorical), then for all columns, then the default.
 */
export interface DatasetDriftOptions extends SummaryOptions {
  /** Columns to compare; default: every column (reference and current must then have the same set). */
  readonly columns?: readonly string[];
  /** How to test named columns; wins over `schema`. */
  readonly columnTypes?: Readonly<Record<string, ColumnDriftType>>;
  /**
   * Per column: whether pandas would hold it as integers on both sides (int64), which changes
   * Sturges' bin width (see `sturgesBinEdges`). Default: true for the schema's `integer` kind,
   * else whether every value is an integer.
   */
  readonly integerValued?: Readonly<Record<string, boolean>>;
  /** Column kinds to derive types from (see {@link columnTypeOfKind}). @default DATASET_COLUMNS */
  readonly schema?: readonly ColumnSpec[];
  /** Share of drifted columns at which the dataset drifts (inclusive, as Evidently's `>=`). @default 0.5 */
  readonly driftShare?: number;
  /** Method for every column (Evidently's `stattest` / `method`). */
  readonly method?: DriftMethod;
  /** Method for numeric columns (`num_stattest`). */
  readonly numericMethod?: DriftMethod;
  /** Method for categorical columns (`cat_stattest`). */
  readonly categoricalMethod?: DriftMethod;
  /** Method per column (`per_column_stattest`). */
  readonly perColumnMethod?: Readonly<Record<string, DriftMethod>>;
  /** Threshold for every column (`stattest_threshold`). */
  readonly threshold?: number;
  /** Threshold for numeric columns (`num_stattest_threshold`). */
  readonly numericThreshold?: number;
  /** Threshold for categorical columns (`cat_stattest_threshold`). */
  readonly categoricalThreshold?: number;
  /** Threshold per column (`per_column_stattest_threshold`). */
  readonly perColumnThreshold?: Readonly<Record<string, number>>;
}

/** The dataset-level verdict plus every column's result; JSON-serialisable, no NaN. */
export interface DatasetDriftResult {
  /** One result per compared column, in the order compared. */
  readonly columns: readonly ColumnDriftResult[];
  readonly driftedColumns: number;
  readonly totalColumns: number;
  /** driftedColumns / totalColumns. */
  readonly share: number;
  /** share ≥ thresholdShare. */
  readonly datasetDrift: boolean;
  readonly thresholdShare: number;
  readonly referenceRows: number;
  readonly currentRows: number;
}

function invalidOption(message: string): DriftInputError {
  return new DriftInputError(message, DriftInputReason.InvalidOption);
}

/** Row count of one dataset; every column must have it. */
function rowCount(dataset: DatasetColumns, names: readonly string[], side: 'reference' | 'current'): number {
  const first = names[0]!;
  const rows = dataset[first]!.length;
  for (const name of names) {
    const length = dataset[name]!.length;
    if (length !== rows) {
      throw new DriftInputError(
        `Column '${name}' of the ${side} dataset has ${length} rows, but column '${first}' has ${rows}`,
        DriftInputReason.RaggedColumns,
        { column: name, side },
      );
    }
  }
  return rows;
}

/** The columns to compare, after checking that both datasets have them. */
function comparedColumns(
  reference: DatasetColumns,
  current: DatasetColumns,
  requested: readonly string[] | undefined,
): string[] {
  const inReference = Object.keys(reference);
  const inCurrent = Object.keys(current);
  const referenceSet = new Set(inReference);
  const currentSet = new Set(inCurrent);
  if (requested !== undefined) {
    const notInReference = requested.filter((c) => !referenceSet.has(c));
    const notInCurrent = requested.filter((c) => !currentSet.has(c));
    if (notInReference.length > 0 || notInCurrent.length > 0) {
      const parts: string[] = [];
      if (notInReference.length > 0) parts.push(`missing from reference: ${notInReference.join(', ')}`);
      if (notInCurrent.length > 0) parts.push(`missing from current: ${notInCurrent.join(', ')}`);
      throw new DriftInputError(
        `Requested columns not found (${parts.join('; ')})`,
        DriftInputReason.ColumnMismatch,
        {
          missingColumns: notInCurrent,
          extraColumns: notInReference,
        },
      );
    }
    return [...requested];
  }
  const missing = inReference.filter((c) => !currentSet.has(c));
  const extra = inCurrent.filter((c) => !referenceSet.has(c));
  if (missing.length > 0 || extra.length > 0) {
    const parts: string[] = [];
    if (missing.length > 0) parts.push(`missing from current: ${missing.join(', ')}`);
    if (extra.length > 0) parts.push(`not in reference: ${extra.join(', ')}`);
    throw new DriftInputError(
      `Reference and current datasets have different columns (${parts.join('; ')})`,
      DriftInputReason.ColumnMismatch,
      { missingColumns: missing, extraColumns: extra },
    );
  }
  return inReference;
}

function checkPerColumnKeys(
  name: string,
  record: Readonly<Record<string, unknown>> | undefined,
  columns: Set<string>,
): void {
  if (record === undefined) return;
  const unknown = Object.keys(record).filter((c) => !columns.has(c));
  if (unknown.length > 0) {
    throw invalidOption(`${name} names columns that are not compared: ${unknown.join(', ')}`);
  }
}

/**
 * Compares every column of `reference` and `current` with Evidently's
 * DataDriftPreset defaults (see `selectDefaultMethod` and `isDrifted`) and
 * decides dataset drift: drifted columns / total ≥ `driftShare` (Evidently's
 * `get_dataset_drift` uses `>=`).
 *
 * Column types come from `options.columnTypes`, else from the schema's kinds
 * ({@link columnTypeOfKind}), else are inferred from the current values, as
 * Evidently's report infers them from the current dataset ({@link inferColumnType}). The label column is compared like any other when
 * present; pass `columns` to choose.
 *
 * @param reference - the baseline (e.g. the production model's training snapshot), as columns
 * @param current - the data to check, as columns with the same names
 * @throws {@link DriftInputError} with reason `column-mismatch` (naming the missing and extra
 *   columns), `empty-dataset` (naming the empty side), `ragged-columns`, `no-columns`,
 *   `invalid-option`, or any per-column reason of `columnDrift`
 */
export function detectDatasetDrift(
  reference: DatasetColumns,
  current: DatasetColumns,
  options: DatasetDriftOptions = {},
): DatasetDriftResult {
  const thresholdShare = options.driftShare ?? DEFAULT_DRIFT_SHARE;
  if (!(Number.isFinite(thresholdShare) && thresholdShare >= 0 && thresholdShare <= 1)) {
    throw invalidOption(`driftShare must be a number in [0, 1], got ${String(thresholdShare)}`);
  }
  const names = comparedColumns(reference, current, options.columns);
  if (names.length === 0) {
    throw new DriftInputError('There are no columns to compare', DriftInputReason.NoColumns);
  }
  const referenceRows = rowCount(reference, names, 'reference');
  const currentRows = rowCount(current, names, 'current');
  if (referenceRows === 0 || currentRows === 0) {
    const message =
      referenceRows === 0 && currentRows === 0
        ? 'Both the reference and the current dataset are empty (0 rows)'
        : `The ${referenceRows === 0 ? 'reference' : 'current'} dataset is empty (0 rows)`;
    throw new DriftInputError(message, DriftInputReason.EmptyDataset, {
      ...(referenceRows === 0 && currentRows !== 0 ? { side: 'reference' as const } : {}),
      ...(currentRows === 0 && referenceRows !== 0 ? { side: 'current' as const } : {}),
    });
  }
  const nameSet = new Set(names);
  checkPerColumnKeys('perColumnMethod', options.perColumnMethod, nameSet);
  checkPerColumnKeys('perColumnThreshold', options.perColumnThreshold, nameSet);
  checkPerColumnKeys('columnTypes', options.columnTypes, nameSet);
  checkPerColumnKeys('integerValued', options.integerValued, nameSet);

  const schema = new Map((options.schema ?? DATASET_COLUMNS).map((c) => [c.name, c]));
  const results: ColumnDriftResult[] = [];
  for (const name of names) {
    const referenceValues = reference[name]!;
    const currentValues = current[name]!;
    const spec = schema.get(name);
    const type =
      options.columnTypes?.[name] ??
      (spec !== undefined ? columnTypeOfKind(spec.kind) : inferColumnType(currentValues));
    const typeMethod = type === 'numeric' ? options.numericMethod : options.categoricalMethod;
    const typeThreshold = type === 'numeric' ? options.numericThreshold : options.categoricalThreshold;
    const method = options.perColumnMethod?.[name] ?? typeMethod ?? options.method;
    const threshold = options.perColumnThreshold?.[name] ?? typeThreshold ?? options.threshold;
    results.push(
      columnDrift(name, type, referenceValues, currentValues, {
        method,
        threshold,
        integerValued: options.integerValued?.[name] ?? (spec?.kind === 'integer' ? true : undefined),
        maxCategories: options.maxCategories,
        histogramBins: options.histogramBins,
      }),
    );
  }
  const driftedColumns = results.filter((r) => r.drifted).length;
  const share = driftedColumns / results.length;
  return {
    columns: results,
    driftedColumns,
    totalColumns: results.length,
    share,
    datasetDrift: share >= thresholdShare,
    thresholdShare,
    referenceRows,
    currentRows,
  };
}
