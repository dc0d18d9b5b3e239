/**
 * Loading a dataset file: reading it with clear errors, validating it against
 * the schema, and the extra check that training needs.
 */
import { constants as fsConstants, promises as fs } from 'node:fs';
import type { ColumnTable } from 'arquero';
import { DatasetProblem, DatasetValidationError } from './errors';
import { parseDatasetCsv } from './parse-dataset';
import { LABEL_COLUMN } from './schema';

function describeReadFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'cannot read the file: it does not exist';
    case 'EISDIR':
      return 'cannot read the file: it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'cannot read the file: permission denied';
    default:
      return `cannot read the file: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * The largest dataset file the loader reads: the whole file is held as one
 * string, and V8 strings stop at about 512 MiB (2^29 − 24 characters).
 */
export const MAX_DATASET_BYTES = 2 ** 29 - 24;

/**
 * Reads a dataset file's bytes. The file is checked first, so that a FIFO or a
 * device (which could block or never end) or a file too large for the parser is
 * refused without reading it.
 *
 * @param path - the file to read
 * @param file - how error messages name it (default: `path`)
 * @throws DatasetValidationError UNREADABLE_FILE when the path is missing, is a
 *   directory or another non-regular file, cannot be read, or is larger than
 *   {@link MAX_DATASET_BYTES}
 */
export async function readDatasetFile(path: string, file: string = path): Promise<Buffer> {
  const unreadable = (detail: string) =>
    new DatasetValidationError({ file, problem: DatasetProblem.UnreadableFile, detail });
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch (error) {
    throw unreadable(describeReadFailure(error));
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw unreadable('cannot read the file: it is a directory');
    if (!stat.isFile())
      throw unreadable('cannot read the file: it is not a regular file (a pipe or a device?)');
    if (stat.size > MAX_DATASET_BYTES) {
      throw unreadable(
        `the file is ${stat.size} bytes; the loader reads files of up to ${MAX_DATASET_BYTES} bytes`,
      );
    }
    return await handle.readFile();
  } catch (error) {
    if (error instanceof DatasetValidationError) throw error;
    throw unreadable(describeReadFailure(error));
  } finally {
    await handle.close();
  }
}

/**
 * Parses already-read bytes, turning a file too large for one JS string (about
 * 512 MB) into UNREADABLE_FILE rather than a bare RangeError.
 */
export function parseDatasetBytes(bytes: Buffer, file: string): ColumnTable {
  try {
    return parseDatasetCsv(bytes, file);
  } catch (error) {
    if (error instanceof DatasetValidationError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG') {
      const detail = `cannot read the file: ${bytes.length} bytes is more than one string can hold`;
      throw new DatasetValidationError({ file, problem: DatasetProblem.UnreadableFile, detail });
    }
    throw error;
  }
}

/**
 * Reads a matchmaking dataset CSV and validates every cell against the schema
 * (`schema.ts`). Accepted: a UTF-8 BOM (dropped), `\r\n` line ends, columns in
 * any order, double-quoted fields on one line, trailing blank lines. Checked, in
 * this order:
 * - the file can be read (UNREADABLE_FILE: missing, a directory, a pipe, too
 *   large), is UTF-8 text (WRONG_ENCODING) and holds something (EMPTY_FILE);
 * - line ends: WRONG_LINE_ENDINGS for bare `\r`;
 * - the header: WRONG_DELIMITER, DUPLICATE_COLUMN, EXTRA_COLUMN, MISSING_COLUMN;
 * - a header-only file is EMPTY_FILE;
 * - each cell: BLANK_CELL (also `NaN`, `NULL`…), WRONG_TYPE (text in a numeric
 *   column, a fraction in an integer column), OUT_OF_RANGE (outside the column's
 *   [min, max], a binary feature other than 0/1), UNKNOWN_CATEGORY (also for
 *   each part of `lawyer_languages`), NON_BINARY_LABEL;
 * - each line has as many fields as the header (RAGGED_ROW: a truncated last
 *   row, a stray comma, a row separated by `;`, a quoted field spanning lines).
 * Only the first problem is reported: the lowest line, and within a line the
 * first column in schema order. Lines are numbered from 1 as an editor numbers
 * them: the header is line 1, the first data row line 2.
 *
 * @param path - the file; error messages name it exactly as given
 * @returns a table with the columns in canonical (schema) order: integer,
 *   number and binary columns as JS numbers (Float64Array), categorical columns
 *   as strings
 * @throws DatasetValidationError
 */
export async function loadDatasetCsv(path: string): Promise<ColumnTable> {
  return parseDatasetBytes(await readDatasetFile(path), path);
}

/**
 * Checks that the label has both classes: a classifier cannot be trained, and
 * ROC AUC is undefined, when every row is 0 or every row is 1.
 *
 * @param table - a table returned by {@link loadDatasetCsv}
 * @param file - the file name for the error message
 * @throws DatasetValidationError SINGLE_LABEL_CLASS (no line; column `match_success`)
 */
export function assertBothLabelClasses(table: ColumnTable, file: string): void {
  const labels = table.array(LABEL_COLUMN) as ArrayLike<unknown>; // honours filters, unlike column()
  const rowCount = labels.length;
  let positives = 0;
  for (let i = 0; i < rowCount; i++) if (labels[i] === 1) positives++;
  if (positives === 0 || positives === rowCount) {
    const what =
      rowCount === 0 ? 'there are no rows' : `all ${rowCount} rows have label ${positives === 0 ? 0 : 1}`;
    throw new DatasetValidationError({
      file,
      column: LABEL_COLUMN,
      problem: DatasetProblem.SingleLabelClass,
      detail: `${what}; training needs both classes (0 and 1)`,
    });
  }
}
