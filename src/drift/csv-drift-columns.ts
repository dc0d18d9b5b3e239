/**
 * Two CSV tables of any schema turned into the columns `detectDatasetDrift`
 * compares, typed as Evidently types them when it is run on
 * `pd.read_csv(reference)` and `pd.read_csv(current)`: every file read as
 * pandas reads it (`typeCsvColumn`), every column typed from the current file
 * (`evidentlyColumnType`) unless a type is given. What Evidently would not
 * test, or would test differently, is refused with the file, line and column.
 */
import { firstNonNumericRow, typeCsvColumn, type TypedCsvColumn } from '../data/csv-column-dtype';
import { csvLineOfRow, type CsvTable } from '../data/csv-table';
import { DatasetProblem, DatasetValidationError } from '../data/errors';
import type { ColumnValues } from './column-drift';
import { columnCardinality, evidentlyColumnType } from './column-types';
import type { DatasetColumns } from './dataset-drift';
import { DriftInputError, DriftInputReason } from './errors';
import type { ColumnDriftType } from './method-selection';

/** Where a column's type came from. */
export type ColumnTypeSource = 'inferred' | 'given';

/** What {@link csvDriftColumns} needs. */
export interface CsvDriftColumnsInput {
  readonly reference: CsvTable;
  readonly current: CsvTable;
  /** Types that win over inference, by column name. */
  readonly columnTypes?: Readonly<Record<string, ColumnDriftType>>;
}

/** The columns to compare, with their types, ready for `detectDatasetDrift`. */
export interface CsvDriftColumns {
  /** Column names in the reference file's order. */
  readonly columns: readonly string[];
  readonly reference: DatasetColumns;
  readonly current: DatasetColumns;
  readonly columnTypes: Readonly<Record<string, ColumnDriftType>>;
  /** Whether pandas holds the column as int64 in both files (Sturges' bin width depends on it). */
  readonly integerValued: Readonly<Record<string, boolean>>;
  readonly typeSources: Readonly<Record<string, ColumnTypeSource>>;
}

/** `--column-type "name=cat"`: how the messages say to set a type. */
const typeHint = (column: string) => `--column-type ${JSON.stringify(`${column}=cat`)}`;

function checkSameColumns(reference: CsvTable, current: CsvTable): void {
  const inReference = new Set(reference.header);
  const inCurrent = new Set(current.header);
  const missing = reference.header.filter((c) => !inCurrent.has(c));
  const extra = current.header.filter((c) => !inReference.has(c));
  if (missing.length === 0 && extra.length === 0) return;
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`missing here: ${missing.join(', ')}`);
  if (extra.length > 0) parts.push(`not in the reference: ${extra.join(', ')}`);
  throw new DatasetValidationError({
    file: current.file,
    row: 1,
    problem: DatasetProblem.HeaderMismatch,
    detail: `the header does not have the columns of the reference ${reference.file} (${parts.join('; ')})`,
  });
}

/**
 * Refuses column types given for columns the files do not have.
 *
 * @throws DriftInputError `invalid-option`, naming the unknown columns and listing the real ones
 */
export function checkColumnTypeNames(
  columnTypes: Readonly<Record<string, unknown>>,
  header: readonly string[],
): void {
  const known = new Set(header);
  const unknown = Object.keys(columnTypes).filter((c) => !known.has(c));
  if (unknown.length > 0) {
    throw new DriftInputError(
      `Column types are given for columns that are not in the files: ${unknown.join(', ')} ` +
        `(the columns are ${header.join(', ')})`,
      DriftInputReason.InvalidOption,
    );
  }
}

function refuse(file: string, column: string, problem: DatasetProblem, detail: string, row?: number): never {
  throw new DatasetValidationError({ file, column, problem, detail, ...(row === undefined ? {} : { row }) });
}

/** Refuses what cannot be read into exact values: an empty column, an integer a double cannot hold. */
function checkValues(file: string, column: string, typed: TypedCsvColumn, cells: readonly string[]): void {
  if (typed.unsafeIntegerRow !== -1) {
    refuse(
      file,
      column,
      DatasetProblem.UnsupportedColumnType,
      `holds ${cells[typed.unsafeIntegerRow]!.trim()}, an integer beyond ±${Number.MAX_SAFE_INTEGER} that ` +
        'cannot be compared exactly (a 64-bit id?); remove the column from both files',
      csvLineOfRow(typed.unsafeIntegerRow),
    );
  }
  if (typed.missing === typed.values.length) {
    refuse(
      file,
      column,
      DatasetProblem.EmptyColumn,
      `has no value: all ${typed.values.length} cells are empty or missing-value markers (NA, NaN, null, …), ` +
        'and a drift test needs values on both sides (Evidently refuses an empty column too); ' +
        'remove the column from both files',
    );
  }
}

/** The type Evidently would infer from the current file, refusing the types it would not test as we do. */
function inferredType(file: string, column: string, typed: TypedCsvColumn): ColumnDriftType {
  const type = evidentlyColumnType(typed);
  if (type === 'numerical') return 'numeric';
  if (type === 'categorical') return 'categorical';
  if (type === 'text') {
    const { distinct, count } = columnCardinality(typed.values);
    return refuse(
      file,
      column,
      DatasetProblem.UnsupportedColumnType,
      `is free text or ids by Evidently's rules (${distinct} distinct values in ${count} non-empty cells, more ` +
        "than half), and Evidently's text drift (a classifier between the two files) is not implemented here; " +
        `compare it as categories with ${typeHint(column)}, or remove it from both files`,
    );
  }
  return refuse(
    file,
    column,
    DatasetProblem.UnsupportedColumnType,
    'holds true/false with empty cells, which pandas keeps as objects and Evidently leaves out of drift ' +
      `(type Unknown); compare it as categories with ${typeHint(column)}, or fill the empty cells`,
  );
}

/** Refuses a numeric column whose file holds something else than numbers, naming the first such cell. */
function checkNumeric(
  file: string,
  column: string,
  typed: TypedCsvColumn,
  cells: readonly string[],
  why: string,
): void {
  if (typed.dtype === 'int64' || typed.dtype === 'float64') return;
  const row = firstNonNumericRow(cells);
  refuse(
    file,
    column,
    DatasetProblem.WrongType,
    `expected a number: the column is numeric (${why}), got ${JSON.stringify(cells[row])}`,
    csvLineOfRow(row),
  );
}

/**
 * Reads two CSV tables into the columns to compare: the same column names
 * (any order), each typed as given in `columnTypes` or else as Evidently
 * infers it from the current file (see `evidentlyColumnType`). Values are the
 * ones pandas reads (`typeCsvColumn`): numbers, booleans, texts, null for a
 * missing cell.
 *
 * @throws DatasetValidationError naming the file (and line and column where one is at fault) when
 *   the headers differ (HEADER_MISMATCH), a column has no value in a file (EMPTY_COLUMN), a column
 *   is text or ids, booleans with gaps, or holds integers beyond 2⁵³ (UNSUPPORTED_COLUMN_TYPE), or
 *   a numeric column holds something else than numbers (WRONG_TYPE)
 * @throws DriftInputError `invalid-option` when `columnTypes` names a column the files do not have
 */
export function csvDriftColumns(input: CsvDriftColumnsInput): CsvDriftColumns {
  const { reference, current } = input;
  const given = input.columnTypes ?? {};
  checkSameColumns(reference, current);
  checkColumnTypeNames(given, reference.header);
  const currentIndex = new Map(current.header.map((name, i) => [name, i]));

  const referenceColumns: Record<string, ColumnValues> = {};
  const currentColumns: Record<string, ColumnValues> = {};
  const columnTypes: Record<string, ColumnDriftType> = {};
  const integerValued: Record<string, boolean> = {};
  const typeSources: Record<string, ColumnTypeSource> = {};
  reference.header.forEach((name, r) => {
    const referenceCells = reference.columns[r]!;
    const currentCells = current.columns[currentIndex.get(name)!]!;
    const ref = typeCsvColumn(referenceCells);
    const cur = typeCsvColumn(currentCells);
    checkValues(reference.file, name, ref, referenceCells);
    checkValues(current.file, name, cur, currentCells);
    const type = given[name] ?? inferredType(current.file, name, cur);
    if (type === 'numeric') {
      const why = given[name] ? 'as its column type says' : 'inferred from the numbers of the current file';
      checkNumeric(reference.file, name, ref, referenceCells, why);
      checkNumeric(current.file, name, cur, currentCells, why);
    }
    referenceColumns[name] = ref.values;
    currentColumns[name] = cur.values;
    columnTypes[name] = type;
    integerValued[name] = ref.dtype === 'int64' && cur.dtype === 'int64';
    typeSources[name] = given[name] ? 'given' : 'inferred';
  });
  return {
    columns: reference.header,
    reference: referenceColumns,
    current: currentColumns,
    columnTypes,
    integerValued,
    typeSources,
  };
}
