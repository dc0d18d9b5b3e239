/**
 * Whole-file format checks that run before a dataset is split into cells:
 * encoding (UTF-8 only), line endings and the delimiter. Each turns a file that
 * would otherwise fail with a baffling message (a 400-character "column" made of
 * the whole header, a category with NUL bytes in it) into one that says what the
 * file is and how to save it instead.
 */
import { isUtf8 } from 'node:buffer';
import { countLineBreaks } from './csv-text';
import { DatasetProblem, DatasetValidationError } from './errors';

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;

/** Delimiters that spreadsheets write instead of commas, with their names for messages. */
const OTHER_DELIMITERS: readonly (readonly [string, string])[] = [
  [';', 'semicolon'],
  ['\t', 'tab'],
  ['|', 'vertical bar'],
];

/** 1-based line number of byte `offset` in `bytes` (lines counted by `\n`, as an editor counts them). */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(LF); i !== -1 && i < offset; i = bytes.indexOf(LF, i + 1)) line++;
  return line;
}

/**
 * Refuses bytes that are not UTF-8 text, naming the first line at fault: a
 * UTF-16 byte-order mark (Excel's "Unicode text"), a NUL byte (UTF-16 without a
 * mark, or a binary file) or an invalid UTF-8 sequence (Latin-1, Windows-1252).
 * A UTF-8 byte-order mark is fine: the decoder drops it.
 *
 * @param bytes - the whole file
 * @param file - the name used in error messages
 * @throws DatasetValidationError WRONG_ENCODING
 */
export function assertUtf8Text(bytes: Uint8Array, file: string): void {
  const fail = (row: number, detail: string): never => {
    throw new DatasetValidationError({ file, row, problem: DatasetProblem.WrongEncoding, detail });
  };
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    fail(1, 'the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8 CSV');
  }
  const nul = bytes.indexOf(NUL);
  if (nul !== -1) {
    fail(lineOfByte(bytes, nul), 'the file contains a NUL byte: it is UTF-16 or binary, not UTF-8 text');
  }
  if (!isUtf8(bytes)) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    const bad = text.indexOf('\uFFFD');
    const line = bad === -1 ? 1 : countLineBreaks(text, 0, bad) + 1;
    fail(line, 'the line is not valid UTF-8 (saved as Latin-1 or Windows-1252?); save the file as UTF-8');
  }
}

/**
 * Refuses text whose first line ends with a bare carriage return (classic Mac OS
 * line endings), which would otherwise read as one enormous header line.
 *
 * @param text - the decoded file
 * @param headerEnd - offset of the end of the first line (its `\n`, or the end of the content)
 * @throws DatasetValidationError WRONG_LINE_ENDINGS
 */
export function assertLineEndings(text: string, headerEnd: number, file: string): void {
  const cr = text.indexOf('\r');
  if (cr !== -1 && cr < headerEnd - 1 && text.charCodeAt(cr + 1) !== LF) {
    throw new DatasetValidationError({
      file,
      row: 1,
      problem: DatasetProblem.WrongLineEndings,
      detail: 'lines end with a bare carriage return (\\r); save the file with \\n or \\r\\n line endings',
    });
  }
}

/** A line's delimiter when it is not a comma, judged by how many fields each candidate would give. */
export interface ForeignDelimiter {
  readonly delimiter: string;
  /** `semicolon`, `tab` or `vertical bar`. */
  readonly name: string;
}

/**
 * Guesses whether a line is separated by something other than commas: true
 * when splitting it on `;`, a tab or `|` gives at least `minFields` fields
 * while splitting on commas gives fewer.
 *
 * @param line - one line of the file, without its line break
 * @param commaFields - how many fields the line has when split on commas
 * @param minFields - fields a real row of the dataset has
 */
export function foreignDelimiter(
  line: string,
  commaFields: number,
  minFields: number,
): ForeignDelimiter | undefined {
  if (commaFields >= minFields) return undefined;
  for (const [delimiter, name] of OTHER_DELIMITERS) {
    if (line.split(delimiter).length >= minFields) return { delimiter, name };
  }
  return undefined;
}

/** `tabs`, or `semicolons (";")` — a delimiter as a message shows it. */
export function delimiterText(found: ForeignDelimiter): string {
  return found.delimiter === '\t' ? 'tabs' : `${found.name}s ("${found.delimiter}")`;
}

/**
 * Refuses a header separated by `;`, tabs or `|` instead of commas (what a
 * spreadsheet in many locales saves as "CSV"), quoted or not.
 *
 * @param headerLine - the first line of the file, without its line break
 * @param expectedFields - how many columns the schema has
 * @throws DatasetValidationError WRONG_DELIMITER (line 1)
 */
export function assertCommaDelimitedHeader(headerLine: string, expectedFields: number, file: string): void {
  const found = foreignDelimiter(headerLine, headerLine.split(',').length, expectedFields);
  if (found === undefined) return;
  throw new DatasetValidationError({
    file,
    row: 1,
    problem: DatasetProblem.WrongDelimiter,
    detail: `the header is separated by ${delimiterText(found)}, not commas; save the file as comma-separated CSV`,
  });
}

/** True when the bytes at the end of a text end a line (`\n`, or a `\r` of a CRLF). */
export function endsWithLineBreak(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return last === LF || last === CR;
}
