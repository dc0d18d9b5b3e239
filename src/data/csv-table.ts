/**
 * Any CSV file as a table of cell texts: a header of column names and, per
 * column, the text of every cell. No schema: this is the reader for files the
 * project does not own (`drift compare` on any two CSVs); what the cells mean
 * is decided later (see `csv-column-dtype.ts`).
 *
 * The CSV dialect is the dataset loader's, through the same tokenizer
 * (`csv-text.ts`) and format checks (`text-format.ts`): `,` delimiter, `\n` or
 * `\r\n` line ends, an optional UTF-8 BOM, RFC 4180 double quotes within one
 * line. That tokenizer is a dozen lines of `indexOf` that the loader already
 * proves on a corpus of hostile files, so no CSV library is added. A quoted
 * field spanning lines is refused, as in the loader: one record per line keeps
 * every error's line number the line an editor shows.
 */
import {
  contentEnd,
  countLineBreaks,
  decodeCsvText,
  lineBreakAt,
  splitPlainFields,
  splitQuotedFields,
  trimCarriageReturn,
} from './csv-text';
import { DatasetProblem, DatasetValidationError } from './errors';
import { raggedDetail } from './ragged-line';
import {
  assertLineEndings,
  assertUtf8Text,
  delimiterText,
  endsWithLineBreak,
  foreignDelimiter,
} from './text-format';

/** A CSV file's header and cell texts, column by column. */
export interface CsvTable {
  /** The file as the caller named it (for messages). */
  readonly file: string;
  /** Column names in file order, exactly as written (no trimming). */
  readonly header: readonly string[];
  /** Number of data rows (the header excluded). */
  readonly rowCount: number;
  /** Cell texts per column, in header order: `columns[c][r]` is on line r + 2 of the file. */
  readonly columns: readonly (readonly string[])[];
}

/** Data row index (0-based) → line number in the file (the header is line 1). */
export const csvLineOfRow = (row: number): number => row + 2;

/** Why a line break inside quotes is refused here. */
const LINE_BREAK_NOTE = 'one record per line, so that line numbers are the ones an editor shows';

/**
 * Checks a header's names: none blank, none twice.
 *
 * @throws DatasetValidationError (line 1) BLANK_CELL or DUPLICATE_COLUMN
 */
function checkHeaderNames(header: readonly string[], file: string): void {
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    if (name.trim() === '') {
      throw new DatasetValidationError({
        file,
        row: 1,
        problem: DatasetProblem.BlankCell,
        detail: `field ${i + 1} of the header is blank: every column needs a name`,
      });
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new DatasetValidationError({
        file,
        row: 1,
        column: name,
        problem: DatasetProblem.DuplicateColumn,
        detail: `appears twice in the header (fields ${earlier + 1} and ${i + 1})`,
      });
    }
    seen.set(name, i);
  });
}

/**
 * Parses CSV text into a {@link CsvTable}. Checked, in this order: UTF-8
 * (WRONG_ENCODING), something in the file (EMPTY_FILE), bare `\r` line ends
 * (WRONG_LINE_ENDINGS), the header (RAGGED_ROW for broken quoting,
 * WRONG_DELIMITER for a one-field header that `;`, tabs or `|` would split,
 * BLANK_CELL for a nameless column, DUPLICATE_COLUMN), at least one data row
 * (EMPTY_FILE), and every line's field count (RAGGED_ROW: a truncated last
 * line, a stray comma, a blank line, a quoted field spanning lines). Trailing
 * line breaks at the end of the file do not count as rows.
 *
 * @param input - UTF-8 bytes or text of the whole file
 * @param file - the name used in error messages
 * @throws DatasetValidationError naming the file and, where one is at fault, the line
 */
export function parseCsvTable(input: Uint8Array | string, file: string): CsvTable {
  if (typeof input !== 'string') assertUtf8Text(input, file);
  const text = decodeCsvText(input);
  if (!/\S/.test(text)) {
    throw new DatasetValidationError({
      file,
      problem: DatasetProblem.EmptyFile,
      detail: 'the file is empty',
    });
  }
  const end = contentEnd(text);
  const quoted = text.includes('"');
  const split = (start: number, stop: number): string[] | undefined =>
    quoted ? splitQuotedFields(text, start, stop) : splitPlainFields(text, start, stop);

  const headerBreak = lineBreakAt(text, 0, end);
  assertLineEndings(text, headerBreak, file);
  const headerEnd = trimCarriageReturn(text, 0, headerBreak);
  const header = split(0, headerEnd);
  if (header === undefined) {
    const detail = raggedDetail(
      text,
      { start: 0, end: headerEnd, cutOff: false },
      0,
      undefined,
      LINE_BREAK_NOTE,
    );
    throw new DatasetValidationError({ file, row: 1, problem: DatasetProblem.RaggedRow, detail });
  }
  const other = header.length === 1 ? foreignDelimiter(header[0]!, 1, 2) : undefined;
  if (other !== undefined) {
    throw new DatasetValidationError({
      file,
      row: 1,
      problem: DatasetProblem.WrongDelimiter,
      detail: `the header is separated by ${delimiterText(other)}, not commas; save the file as comma-separated CSV`,
    });
  }
  checkHeaderNames(header, file);
  if (headerBreak >= end) {
    throw new DatasetValidationError({
      file,
      problem: DatasetProblem.EmptyFile,
      detail: 'the file has a header but no data rows',
    });
  }

  const dataStart = headerBreak + 1;
  const rowCount = countLineBreaks(text, dataStart, end) + 1;
  const columns = header.map(() => new Array<string>(rowCount));
  for (let row = 0, start = dataStart; row < rowCount; row++) {
    const lineBreak = lineBreakAt(text, start, end);
    const lineEnd = trimCarriageReturn(text, start, lineBreak);
    // A blank line is refused even in a one-column file, where it would split into one empty
    // field: pandas skips such lines, so reading it as a missing value would disagree with it.
    const blank = header.length === 1 && text.slice(start, lineEnd).trim() === '';
    const fields = split(start, lineEnd);
    if (blank || fields === undefined || fields.length !== header.length) {
      const span = { start, end: lineEnd, cutOff: lineBreak >= end && !endsWithLineBreak(text) };
      throw new DatasetValidationError({
        file,
        row: csvLineOfRow(row),
        problem: DatasetProblem.RaggedRow,
        detail: blank
          ? 'the line is blank (pandas would skip it); write a missing value such as NA for an empty cell'
          : raggedDetail(text, span, header.length, fields, LINE_BREAK_NOTE),
      });
    }
    for (let c = 0; c < fields.length; c++) columns[c]![row] = fields[c]!;
    start = lineBreak + 1;
  }
  return { file, header, rowCount, columns };
}

/**
 * The header of CSV bytes, read from the first line only (for choosing how to
 * read the rest); undefined when the first line is not a clean header (the
 * full parse then reports why).
 */
export function peekCsvHeader(bytes: Uint8Array): string[] | undefined {
  const lf = bytes.indexOf(0x0a);
  const text = decodeCsvText(bytes.subarray(0, lf === -1 ? bytes.length : lf));
  const line = text.endsWith('\r') ? text.slice(0, -1) : text;
  return line.includes('"')
    ? splitQuotedFields(line, 0, line.length)
    : splitPlainFields(line, 0, line.length);
}
