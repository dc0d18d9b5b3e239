import { datasetColumnsOf } from './dataset-columns';
import { COLUMN_NAMES, hashBytes, parseDatasetBytes, readDatasetFile } from '../data';
import { parseCsvTable, peekCsvHeader } from '../data/csv-table';
import {
  checkColumnTypeNames,
  csvDriftColumns,
  detectDatasetDrift,
  type ColumnDriftType,
  type ColumnTypeSource,
  type DatasetDriftOptions,
  type DatasetDriftResult,
} from '../drift';
import { DATASET_COLUMNS } from '../data/schema';
import { parseColumnTypesFile } from '../drift/column-types-file';

/** What {@link compareCsvFiles} compares, and how. */
export interface CompareCsvFilesInput {
  readonly referenceFile: string;
  readonly currentFile: string;
  /** Column types by name; they win over the dataset schema and over inference. */
  readonly columnTypes?: Readonly<Record<string, ColumnDriftType>>;
  /** Methods, thresholds and drift share (`columnTypes`, `schema` and `integerValued` are set here). */
  readonly driftOptions?: Omit<DatasetDriftOptions, 'columnTypes' | 'schema' | 'integerValued'>;
}

/** How the column types were decided: by the matchmaking dataset schema, or as Evidently infers them. */
export type ColumnTypesBasis = 'matchmaking-schema' | 'inferred';

/** The drift result, the md5 of the bytes compared, and where each column's type came from. */
export interface CompareCsvFilesResult {
  readonly result: DatasetDriftResult;
  readonly referenceMd5: string;
  readonly currentMd5: string;
  readonly basis: ColumnTypesBasis;
  /** Per column: `schema` (the matchmaking schema), `inferred` (Evidently's rules), or `given`. */
  readonly typeSources: Readonly<Record<string, ColumnTypeSource | 'schema'>>;
}

function isMatchmakingHeader(header: readonly string[] | undefined): boolean {
  if (header === undefined || header.length !== COLUMN_NAMES.length) return false;
  const names = new Set(header);
  return names.size === COLUMN_NAMES.length && COLUMN_NAMES.every((name) => names.has(name));
}

/**
 * Compares any two CSV files with the same columns (in any order), as
 * Evidently's DataDriftPreset compares `pd.read_csv` of each.
 *
 * When both headers are the matchmaking dataset's columns, both files are read
 * and validated against that schema (`parseDatasetBytes`) and typed by it, as
 * before. Otherwise each file is read as pandas reads it and every column is
 * typed as Evidently infers it from the current file, unless `columnTypes`
 * names it (see `csvDriftColumns` for what is refused and why). Each file is
 * read once: the md5 returned is that of the bytes compared.
 *
 * @throws DatasetValidationError naming the file, line and column of the first problem
 * @throws DriftInputError for options that do not fit the files (a type for an absent column…)
 */
export async function compareCsvFiles(input: CompareCsvFilesInput): Promise<CompareCsvFilesResult> {
  const [referenceBytes, currentBytes] = await Promise.all([
    readDatasetFile(input.referenceFile),
    readDatasetFile(input.currentFile),
  ]);
  const referenceMd5 = hashBytes(referenceBytes).md5;
  const currentMd5 = hashBytes(currentBytes).md5;
  const given = input.columnTypes ?? {};
  const options = input.driftOptions ?? {};

  if (
    isMatchmakingHeader(peekCsvHeader(referenceBytes)) &&
    isMatchmakingHeader(peekCsvHeader(currentBytes))
  ) {
    checkColumnTypeNames(given, COLUMN_NAMES);
    const columnsOf = (bytes: Buffer, file: string) => datasetColumnsOf(parseDatasetBytes(bytes, file));
    const result = detectDatasetDrift(
      columnsOf(referenceBytes, input.referenceFile),
      columnsOf(currentBytes, input.currentFile),
      { ...options, columnTypes: given },
    );
    const typeSources = Object.fromEntries(
      DATASET_COLUMNS.map((spec) => [spec.name, given[spec.name] ? ('given' as const) : ('schema' as const)]),
    );
    return { result, referenceMd5, currentMd5, basis: 'matchmaking-schema', typeSources };
  }

  const columns = csvDriftColumns({
    reference: parseCsvTable(referenceBytes, input.referenceFile),
    current: parseCsvTable(currentBytes, input.currentFile),
    columnTypes: given,
  });
  const result = detectDatasetDrift(columns.reference, columns.current, {
    ...options,
    columns: options.columns ?? columns.columns,
    schema: [],
    columnTypes: columns.columnTypes,
    integerValued: columns.integerValued,
  });
  return { result, referenceMd5, currentMd5, basis: 'inferred', typeSources: columns.typeSources };
}

/**
 * Reads a column types file (YAML or JSON, see `parseColumnTypesFile`).
 *
 * @throws DatasetValidationError UNREADABLE_FILE when the file cannot be read
 * @throws DriftInputError `invalid-option` naming the file and the wrong entry
 */
export async function readColumnTypesFile(path: string): Promise<Record<string, ColumnDriftType>> {
  const bytes = await readDatasetFile(path);
  return parseColumnTypesFile(bytes.toString('utf8'), path);
}
