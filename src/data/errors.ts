/** Errors of the data area: dataset validation and the snapshot store. */
import { DomainError, FailureType } from '../core/errors';

/** What is wrong with a dataset file; stable codes that activities and tests can match on. */
export const DatasetProblem = {
  /** A schema column is absent from the header. */
  MissingColumn: 'MISSING_COLUMN',
  /** The header names a column the schema does not know. */
  ExtraColumn: 'EXTRA_COLUMN',
  /** The header names the same column twice. */
  DuplicateColumn: 'DUPLICATE_COLUMN',
  /** A cell is not of the column's type (text in a number column, 3.5 in an integer column). */
  WrongType: 'WRONG_TYPE',
  /** A cell is empty or whitespace only. */
  BlankCell: 'BLANK_CELL',
  /** A number outside the column's [min, max], or a binary feature other than 0/1. */
  OutOfRange: 'OUT_OF_RANGE',
  /** A categorical value (or one part of a language list) outside the column's categories. */
  UnknownCategory: 'UNKNOWN_CATEGORY',
  /** A label cell other than 0 or 1. */
  NonBinaryLabel: 'NON_BINARY_LABEL',
  /** The file has no bytes, or a header but no data rows. */
  EmptyFile: 'EMPTY_FILE',
  /** The file is missing, a directory or other non-regular file, not readable, or too large to hold in memory. */
  UnreadableFile: 'UNREADABLE_FILE',
  /** A line has more or fewer fields than the header (a truncated last row, a stray comma). */
  RaggedRow: 'RAGGED_ROW',
  /** Every row has the same label, so a classifier cannot be trained on the file. */
  SingleLabelClass: 'SINGLE_LABEL_CLASS',
  /**
   * A part of the content split (train, validation, test, or the whole file) has fewer distinct
   * rows of a class than training or evaluation needs (`split-requirements.ts`).
   */
  TooFewRows: 'TOO_FEW_ROWS',
  /** The file is separated by something other than commas (`;`, a tab, `|`). */
  WrongDelimiter: 'WRONG_DELIMITER',
  /** The bytes are not UTF-8 text: UTF-16, Latin-1, a NUL byte, a binary file. */
  WrongEncoding: 'WRONG_ENCODING',
  /** Lines end with a bare carriage return (classic Mac OS) instead of `\n` or `\r\n`. */
  WrongLineEndings: 'WRONG_LINE_ENDINGS',
  /** Two files that are compared do not have the same columns. */
  HeaderMismatch: 'HEADER_MISMATCH',
  /** A column has no value at all: every cell is empty or a missing-value marker. */
  EmptyColumn: 'EMPTY_COLUMN',
  /** A column's type cannot be compared for drift (free text or ids, booleans with gaps, 64-bit integers). */
  UnsupportedColumnType: 'UNSUPPORTED_COLUMN_TYPE',
} as const;
export type DatasetProblem = (typeof DatasetProblem)[keyof typeof DatasetProblem];

/** Where a dataset problem is, and what it is; the constructor argument of {@link DatasetValidationError}. */
export interface DatasetProblemReport {
  readonly file: string;
  readonly problem: DatasetProblem;
  /** What is wrong, in words, without the location: `expected a number between 1 and 5, got "6.2"`. */
  readonly detail: string;
  /** 1-based line number in the file (the header is line 1), when one line is at fault. */
  readonly row?: number;
  /** Column name, when one column is at fault. */
  readonly column?: string;
}

/** `data/x.csv line 7, column "lawyer_rating"`, leaving out the parts that are unknown. */
function location(file: string, row: number | undefined, column: string | undefined): string {
  const line = row === undefined ? '' : ` line ${row}`;
  const col = column === undefined ? '' : `, column "${column}"`;
  return `${file}${line}${col}`;
}

/**
 * Thrown by `loadDatasetCsv` / `parseDatasetCsv` (and so by `createSnapshot`)
 * when a dataset file cannot be read or does not match the schema in
 * `schema.ts`, by `assertBothLabelClasses` when the label has a single class, by
 * `assertEnoughRows` when a part of the split has too few distinct rows of a class,
 * and by the generic `parseCsvTable` (and the drift comparison of any two CSVs)
 * when a file is not a well-formed CSV table or a column cannot be compared.
 * Only the first problem of a file is reported: the lowest line, and within a
 * line the first column in schema order.
 *
 * The message names file, line, column and the problem in words, e.g.
 * `data/x.csv line 7, column "lawyer_rating": expected a number between 1 and 5, got "6.2"`.
 *
 * This is a data problem, not a transient one: an activity that catches it
 * should fail without retrying (UNREADABLE_FILE included: the path is wrong or
 * the file is not there, which a retry a few seconds later does not fix).
 */
export class DatasetValidationError extends DomainError {
  override readonly name = 'DatasetValidationError';
  /** The file as the caller named it. */
  readonly file: string;
  /** 1-based line number in the file (header = line 1), or undefined for whole-file problems. */
  readonly row: number | undefined;
  /** The offending column, or undefined when the problem is not about one column. */
  readonly column: string | undefined;
  /** Machine-readable kind of problem. */
  readonly problem: DatasetProblem;
  /** The message without the location. */
  readonly detail: string;

  constructor(report: DatasetProblemReport) {
    super(`${location(report.file, report.row, report.column)}: ${report.detail}`, {
      failureType: FailureType.InvalidDataset,
      details: {
        file: report.file,
        row: report.row ?? null,
        column: report.column ?? null,
        problem: report.problem,
      },
    });
    this.file = report.file;
    this.row = report.row;
    this.column = report.column;
    this.problem = report.problem;
    this.detail = report.detail;
  }
}

/** Why a snapshot operation failed. */
export const SnapshotErrorCode = {
  /** The md5 is not 32 lowercase hex digits (so it cannot name a snapshot, and must not become a path). */
  InvalidMd5: 'INVALID_MD5',
  /** No snapshot with that md5 exists. */
  NotFound: 'NOT_FOUND',
  /** A stored snapshot's bytes or manifest do not match its md5: the store was tampered with or damaged. */
  Corrupted: 'CORRUPTED',
} as const;
export type SnapshotErrorCode = (typeof SnapshotErrorCode)[keyof typeof SnapshotErrorCode];

/**
 * Thrown by the snapshot store when a snapshot is asked for by an invalid md5,
 * does not exist, or exists but no longer matches its md5 or manifest. A
 * corrupted snapshot is never repaired silently: content addressing is only
 * worth something if damage is loud.
 */
export class SnapshotError extends DomainError {
  override readonly name = 'SnapshotError';

  /**
   * @param code - what went wrong
   * @param message - full message, naming the md5 and the path
   * @param md5 - the snapshot asked for
   * @param path - the file at fault, when there is one
   */
  constructor(
    readonly code: SnapshotErrorCode,
    message: string,
    readonly md5: string,
    readonly path?: string,
  ) {
    // A bad md5 is the caller's input; a missing or corrupted snapshot stays so on every retry.
    super(message, {
      failureType:
        code === SnapshotErrorCode.InvalidMd5 ? FailureType.InvalidInput : FailureType.InvalidArtifact,
      details: { code, md5 },
    });
  }
}
