/**
 * Parses and validates dataset CSV text into an arquero table.
 *
 * Why not `aq.fromCSV`: it fills short rows with nulls and drops extra fields
 * without saying which line was wrong, and it builds values per row. This parser
 * walks the text once with `indexOf`, hands each cell to its column's decoder
 * (a flat typed array), then validates column by column, so a million rows take
 * a second or two and the first bad cell can be named by line and column.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { describeCellProblem } from './cell-problems';
import { createColumnDecoder, type ColumnDecoder, type DecodedColumn } from './column-decoders';
import {
  contentEnd,
  countLineBreaks,
  decodeCsvText,
  lineBreakAt,
  splitPlainFields,
  splitQuotedFields,
  trimCarriageReturn,
} from './csv-text';
import { mapHeaderToSchema } from './dataset-header';
import { DatasetProblem, DatasetValidationError } from './errors';
import { raggedDetail } from './ragged-line';
import { COLUMN_NAMES, DATASET_COLUMNS } from './schema';
import {
  assertCommaDelimitedHeader,
  assertLineEndings,
  assertUtf8Text,
  endsWithLineBreak,
} from './text-format';

/** Data row index (0-based) → line number in the file (the header is line 1). */
const lineOf = (row: number): number => row + 2;

/** The first line whose field count is wrong, and why. */
interface RaggedLine {
  readonly row: number;
  readonly detail: string;
}

/** Why the loader refuses a line break inside quotes. */
const LINE_BREAK_NOTE = 'no value of the schema contains one';

/**
 * Parses dataset CSV (bytes or text) and validates it against the schema; see
 * `loadDatasetCsv` for what is checked.
 *
 * @param input - UTF-8 bytes or text of the whole file
 * @param file - the name used in error messages
 * @returns a table with the schema's columns in canonical order
 * @throws DatasetValidationError for the first problem found
 */
export function parseDatasetCsv(input: Uint8Array | string, file: string): ColumnTable {
  if (typeof input !== 'string') assertUtf8Text(input, file);
  const text = decodeCsvText(input);
  const end = contentEnd(text);
  if (!/\S/.test(text)) {
    throw new DatasetValidationError({
      file,
      problem: DatasetProblem.EmptyFile,
      detail: 'the file is empty',
    });
  }
  // Quotes anywhere → the careful splitter for every line; generated files never quote.
  const quoted = text.includes('"');
  const split = (start: number, stop: number): string[] | undefined =>
    quoted ? splitQuotedFields(text, start, stop) : splitPlainFields(text, start, stop);

  const headerBreak = lineBreakAt(text, 0, end);
  assertLineEndings(text, headerBreak, file);
  const headerEnd = trimCarriageReturn(text, 0, headerBreak);
  assertCommaDelimitedHeader(text.slice(0, headerEnd), COLUMN_NAMES.length, file);
  const headerFields = split(0, headerEnd);
  if (headerFields === undefined) {
    throw new DatasetValidationError({
      file,
      row: 1,
      problem: DatasetProblem.RaggedRow,
      detail: raggedDetail(text, { start: 0, end: headerEnd, cutOff: false }, 0, undefined, LINE_BREAK_NOTE),
    });
  }
  const mapping = mapHeaderToSchema(headerFields, file);
  if (headerBreak >= end) {
    throw new DatasetValidationError({
      file,
      problem: DatasetProblem.EmptyFile,
      detail: 'the file has a header but no data rows',
    });
  }

  const dataStart = headerBreak + 1;
  const capacity = countLineBreaks(text, dataStart, end) + 1;
  const decoders = DATASET_COLUMNS.map((spec) => createColumnDecoder(spec, capacity));
  const byField: ColumnDecoder[] = Array.from(mapping, (schemaIndex) => decoders[schemaIndex]!);
  const fieldCount = byField.length;

  let ragged: RaggedLine | undefined;
  let rows = 0;
  for (let start = dataStart; rows < capacity; rows++) {
    const lineBreak = lineBreakAt(text, start, end);
    const lineEnd = trimCarriageReturn(text, start, lineBreak);
    const complete = quoted
      ? storeQuotedLine(text, start, lineEnd, rows, byField)
      : storePlainLine(text, start, lineEnd, rows, byField);
    if (!complete) {
      const span = { start, end: lineEnd, cutOff: lineBreak >= end && !endsWithLineBreak(text) };
      ragged = {
        row: rows,
        detail: raggedDetail(text, span, fieldCount, split(start, lineEnd), LINE_BREAK_NOTE),
      };
      break;
    }
    start = lineBreak + 1;
  }

  // Column-wise validation of the rows before any ragged line; the lowest row wins, ties go to schema order.
  let badRow = -1;
  let badColumn = -1;
  decoders.forEach((decoder, column) => {
    const row = decoder.firstInvalidRow(rows);
    if (row !== -1 && (badRow === -1 || row < badRow)) {
      badRow = row;
      badColumn = column;
    }
  });
  if (badRow !== -1) throw cellError(text, dataStart, end, badRow, badColumn, mapping, split, file);
  if (ragged !== undefined) {
    throw new DatasetValidationError({
      file,
      row: lineOf(ragged.row),
      problem: DatasetProblem.RaggedRow,
      detail: ragged.detail,
    });
  }

  const columns: Record<string, DecodedColumn> = {};
  decoders.forEach((decoder, i) => (columns[COLUMN_NAMES[i]!] = decoder.values(rows)));
  return aq.table(columns, [...COLUMN_NAMES]);
}

/**
 * Hands the fields of an unquoted line to their decoders; false when the line
 * has too few or too many fields. The hot loop of the loader: `indexOf` and
 * `slice` only, no array per line. Cells stored before a short line is noticed
 * sit in a row the caller discards.
 */
function storePlainLine(
  text: string,
  start: number,
  lineEnd: number,
  row: number,
  byField: ColumnDecoder[],
): boolean {
  const last = byField.length - 1;
  let pos = start;
  for (let f = 0; f < last; f++) {
    const comma = text.indexOf(',', pos);
    if (comma === -1 || comma >= lineEnd) return false;
    byField[f]!.set(row, text.slice(pos, comma));
    pos = comma + 1;
  }
  const extra = text.indexOf(',', pos);
  if (extra !== -1 && extra < lineEnd) return false;
  byField[last]!.set(row, text.slice(pos, lineEnd));
  return true;
}

/** Like {@link storePlainLine} for a file that contains quotes; also false for broken quoting. */
function storeQuotedLine(
  text: string,
  start: number,
  lineEnd: number,
  row: number,
  byField: ColumnDecoder[],
): boolean {
  const fields = splitQuotedFields(text, start, lineEnd);
  if (fields === undefined || fields.length !== byField.length) return false;
  for (let f = 0; f < fields.length; f++) byField[f]!.set(row, fields[f]!);
  return true;
}

/** Builds the error for a rejected cell, re-reading that one line to quote the cell's text. */
function cellError(
  text: string,
  dataStart: number,
  end: number,
  row: number,
  schemaColumn: number,
  mapping: Int32Array,
  split: (start: number, stop: number) => string[] | undefined,
  file: string,
): DatasetValidationError {
  let start = dataStart;
  for (let r = 0; r < row; r++) start = lineBreakAt(text, start, end) + 1;
  const fields = split(start, trimCarriageReturn(text, start, lineBreakAt(text, start, end))) ?? [];
  const cell = fields[mapping.indexOf(schemaColumn)] ?? '';
  const spec = DATASET_COLUMNS[schemaColumn]!;
  const { problem, detail } = describeCellProblem(spec, cell);
  return new DatasetValidationError({ file, row: lineOf(row), column: spec.name, problem, detail });
}
