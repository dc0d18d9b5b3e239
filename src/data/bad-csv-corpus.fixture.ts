/**
 * The hostile-input corpus: dataset files that are broken (or merely unusual)
 * in the ways real exports break, each built from a small valid file plus one
 * named change, with what the pipeline must do about it. Tests run every case
 * through the loader, the snapshot store and the snapshot activity, and a few
 * through the real retrain workflow; `data/README.md` documents the handling.
 *
 * Line numbers are 1-based physical lines as an editor shows them: the header
 * is line 1, the first data row line 2 (a BOM does not shift them, `\r\n`
 * counts as one break).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { csvText, validCsvLines, withCell } from './dataset.fixture';
import { DatasetProblem, DatasetValidationError } from './errors';
import { generateMatchmakingRows, rowsToCsv } from './generate';
import { COLUMN_NAMES, LABEL_COLUMN } from './schema';

/** Data rows of the base file every case starts from (lines 2..13). */
export const BASE_ROWS = 12;
const BASE_SEED = 4;

/** The valid base file's lines, header first (both label classes occur). */
export function baseLines(): string[] {
  return validCsvLines(BASE_ROWS, BASE_SEED);
}

/** The file is refused; by the schema check (any load), or only where training data is required. */
export interface Rejected {
  readonly kind: 'rejected';
  /** `schema`: every load refuses it. `labels`: schema-valid, refused where both label classes are required. */
  readonly stage: 'schema' | 'labels';
  readonly problem: DatasetProblem;
  readonly row?: number;
  readonly column?: string;
  /** The message after the location, exactly, or a pattern for it. */
  readonly detail: string | RegExp;
}

/** The file is accepted as it is, with this many rows. */
export interface Accepted {
  readonly kind: 'accepted';
  readonly rows: number;
}

/** One corpus file: what it is, how to build it, what must happen. */
export interface CorpusCase {
  /** File name, also the test's name. */
  readonly name: string;
  readonly what: string;
  readonly build: () => Buffer;
  readonly expected: Rejected | Accepted;
}

const text = (value: string): Buffer => Buffer.from(value, 'utf8');
const lines = baseLines;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const LAST_LINE = BASE_ROWS + 1;

function rejected(
  stage: Rejected['stage'],
  problem: DatasetProblem,
  where: { row?: number; column?: string },
  detail: string | RegExp,
): Rejected {
  return { kind: 'rejected', stage, problem, ...where, detail };
}

/** Every label set to `value`. */
function allLabels(value: '0' | '1'): string[] {
  let result = lines();
  for (let line = 2; line <= LAST_LINE; line++) result = withCell(result, line, LABEL_COLUMN, value);
  return result;
}

/** The message the error must carry for `expected` when the file is named `file` (string details only). */
export function expectedMessage(file: string, expected: Rejected): string | RegExp {
  if (expected.detail instanceof RegExp) return expected.detail;
  return new DatasetValidationError({ file, ...expected, detail: expected.detail }).message;
}

/** The corpus. */
export const BAD_CSV_CORPUS: readonly CorpusCase[] = [
  {
    name: 'truncated-last-row.csv',
    what: 'the writer died mid-row: the last line stops after 40 characters, with no final line break',
    build: () => text([...lines().slice(0, -1), lines().at(-1)!.slice(0, 40)].join('\n')),
    expected: rejected(
      'schema',
      DatasetProblem.RaggedRow,
      { row: LAST_LINE },
      /^expected 15 fields like the header, got \d+: the last line is incomplete and the file does not end with a line break \(cut off while being written\?\)$/,
    ),
  },
  {
    name: 'semicolon-delimited.csv',
    what: 'a spreadsheet in a comma-decimal locale saved "CSV" with semicolons',
    build: () => text(csvText(lines().map((l) => l.replaceAll(',', ';')))),
    expected: rejected(
      'schema',
      DatasetProblem.WrongDelimiter,
      { row: 1 },
      'the header is separated by semicolons (";"), not commas; save the file as comma-separated CSV',
    ),
  },
  {
    name: 'tab-delimited.csv',
    what: 'tab-separated values under a .csv name',
    build: () => text(csvText(lines().map((l) => l.replaceAll(',', '\t')))),
    expected: rejected(
      'schema',
      DatasetProblem.WrongDelimiter,
      { row: 1 },
      'the header is separated by tabs, not commas; save the file as comma-separated CSV',
    ),
  },
  {
    name: 'semicolon-data-row.csv',
    what: 'a comma header, but line 5 pasted in from a semicolon file',
    build: () => text(csvText(lines().map((l, i) => (i === 4 ? l.replaceAll(',', ';') : l)))),
    expected: rejected(
      'schema',
      DatasetProblem.RaggedRow,
      { row: 5 },
      'expected 15 comma-separated fields like the header, got 1: the line is separated by semicolons (";")',
    ),
  },
  {
    name: 'utf8-bom.csv',
    what: 'Excel\'s "CSV UTF-8": a byte-order mark before the header (accepted, the BOM is dropped)',
    build: () => Buffer.concat([BOM, text(csvText(lines()))]),
    expected: { kind: 'accepted', rows: BASE_ROWS },
  },
  {
    name: 'utf8-bom-crlf.csv',
    what: 'a BOM and Windows line endings together (accepted)',
    build: () => Buffer.concat([BOM, text(`${lines().join('\r\n')}\r\n`)]),
    expected: { kind: 'accepted', rows: BASE_ROWS },
  },
  {
    name: 'all-fields-quoted.csv',
    what: 'every field double-quoted, as some exporters write (accepted: RFC 4180 quoting on one line)',
    build: () =>
      text(
        csvText(
          lines().map((l) =>
            l
              .split(',')
              .map((c) => `"${c}"`)
              .join(','),
          ),
        ),
      ),
    expected: { kind: 'accepted', rows: BASE_ROWS },
  },
  {
    name: 'quoted-newline.csv',
    what: 'a quoted language list with a line break inside it, starting on line 4',
    build: () => text(csvText(withCell(lines(), 4, 'lawyer_languages', '"english\nspanish"'))),
    expected: rejected(
      'schema',
      DatasetProblem.RaggedRow,
      { row: 4 },
      'a quoted field opens on this line and does not close on it: a line break inside quotes ' +
        '(not accepted: no value of the schema contains one) or a missing closing quote',
    ),
  },
  {
    name: 'duplicate-header.csv',
    what: 'the header names client_age twice (the second replaces lawyer_caseload)',
    build: () => text(csvText([lines()[0]!.replace('lawyer_caseload', 'client_age'), ...lines().slice(1)])),
    expected: rejected(
      'schema',
      DatasetProblem.DuplicateColumn,
      { row: 1, column: 'client_age' },
      'appears twice in the header (fields 6 and 10)',
    ),
  },
  {
    name: 'near-miss-header.csv',
    what: 'a header name with a capital letter: Client_Age',
    build: () => text(csvText([lines()[0]!.replace('client_age', 'Client_Age'), ...lines().slice(1)])),
    expected: rejected(
      'schema',
      DatasetProblem.ExtraColumn,
      { row: 1, column: 'Client_Age' },
      'is not a column of the dataset schema (did you mean "client_age"? names must match exactly: no spaces, capitals or hyphens)',
    ),
  },
  {
    name: 'negative-experience.csv',
    what: 'lawyer_years_experience -3 on line 3',
    build: () => text(csvText(withCell(lines(), 3, 'lawyer_years_experience', '-3'))),
    expected: rejected(
      'schema',
      DatasetProblem.OutOfRange,
      { row: 3, column: 'lawyer_years_experience' },
      'expected an integer between 0 and 60, got "-3"',
    ),
  },
  {
    name: 'rating-above-scale.csv',
    what: 'lawyer_rating 5.5 on a 1-5 star scale, line 6',
    build: () => text(csvText(withCell(lines(), 6, 'lawyer_rating', '5.5'))),
    expected: rejected(
      'schema',
      DatasetProblem.OutOfRange,
      { row: 6, column: 'lawyer_rating' },
      'expected a number between 1 and 5, got "5.5"',
    ),
  },
  {
    name: 'negative-distance.csv',
    what: 'distance_km -1.5 on line 7',
    build: () => text(csvText(withCell(lines(), 7, 'distance_km', '-1.5'))),
    expected: rejected(
      'schema',
      DatasetProblem.OutOfRange,
      { row: 7, column: 'distance_km' },
      'expected a number between 0 and 2000, got "-1.5"',
    ),
  },
  {
    name: 'negative-caseload.csv',
    what: 'lawyer_caseload -2 on line 8',
    build: () => text(csvText(withCell(lines(), 8, 'lawyer_caseload', '-2'))),
    expected: rejected(
      'schema',
      DatasetProblem.OutOfRange,
      { row: 8, column: 'lawyer_caseload' },
      'expected an integer between 0 and 200, got "-2"',
    ),
  },
  {
    name: 'client-age-too-low.csv',
    what: 'client_age 7 (clients are 16 or older) on line 9',
    build: () => text(csvText(withCell(lines(), 9, 'client_age', '7'))),
    expected: rejected(
      'schema',
      DatasetProblem.OutOfRange,
      { row: 9, column: 'client_age' },
      'expected an integer between 16 and 100, got "7"',
    ),
  },
  {
    name: 'pro-bono-not-binary.csv',
    what: 'lawyer_pro_bono 2 on line 10',
    build: () => text(csvText(withCell(lines(), 10, 'lawyer_pro_bono', '2'))),
    expected: rejected(
      'schema',
      DatasetProblem.OutOfRange,
      { row: 10, column: 'lawyer_pro_bono' },
      'expected 0 or 1, got "2"',
    ),
  },
  {
    name: 'age-in-exponent-notation.csv',
    what: 'client_age written as 4.2e1 on line 3 (42, but no writer of integers spells it so)',
    build: () => text(csvText(withCell(lines(), 3, 'client_age', '4.2e1'))),
    expected: rejected(
      'schema',
      DatasetProblem.WrongType,
      { row: 3, column: 'client_age' },
      'expected an integer between 16 and 100, got "4.2e1": integers are written in plain digits, without an exponent',
    ),
  },
  {
    name: 'integer-with-zero-fraction.csv',
    what: "lawyer_caseload 12.0 on line 4 (pandas' integer column after a missing value made it float)",
    build: () => text(csvText(withCell(lines(), 4, 'lawyer_caseload', '12.0'))),
    expected: rejected(
      'schema',
      DatasetProblem.WrongType,
      { row: 4, column: 'lawyer_caseload' },
      'expected an integer between 0 and 200, got "12.0": integers are written in plain digits, without a decimal point',
    ),
  },
  {
    name: 'label-written-as-float.csv',
    what: 'match_success 1.0 on line 5',
    build: () => text(csvText(withCell(lines(), 5, LABEL_COLUMN, '1.0'))),
    expected: rejected(
      'schema',
      DatasetProblem.NonBinaryLabel,
      { row: 5, column: LABEL_COLUMN },
      'the label must be 0 or 1, got "1.0": integers are written in plain digits, without a decimal point',
    ),
  },
  {
    name: 'negative-zero-integer.csv',
    what: 'lawyer_years_experience -0 on line 6',
    build: () => text(csvText(withCell(lines(), 6, 'lawyer_years_experience', '-0'))),
    expected: rejected(
      'schema',
      DatasetProblem.WrongType,
      { row: 6, column: 'lawyer_years_experience' },
      'expected an integer between 0 and 60, got "-0": integers are written in plain digits, without a minus sign on zero (a negative number rounded to zero?)',
    ),
  },
  {
    name: 'negative-zero-distance.csv',
    what: 'distance_km -0.0 on line 7 (what rounding -0.04 to one decimal prints)',
    build: () => text(csvText(withCell(lines(), 7, 'distance_km', '-0.0'))),
    expected: rejected(
      'schema',
      DatasetProblem.WrongType,
      { row: 7, column: 'distance_km' },
      'expected a number between 0 and 2000, got "-0.0": numbers are written in plain decimal notation (digits, optionally "." and more digits), without a minus sign on zero (a negative number rounded to zero?)',
    ),
  },
  {
    name: 'distance-in-exponent-notation.csv',
    what: 'distance_km 1.5e2 on line 8',
    build: () => text(csvText(withCell(lines(), 8, 'distance_km', '1.5e2'))),
    expected: rejected(
      'schema',
      DatasetProblem.WrongType,
      { row: 8, column: 'distance_km' },
      'expected a number between 0 and 2000, got "1.5e2": numbers are written in plain decimal notation (digits, optionally "." and more digits), without an exponent',
    ),
  },
  {
    name: 'rating-with-plus-sign.csv',
    what: 'lawyer_rating +4.5 on line 9',
    build: () => text(csvText(withCell(lines(), 9, 'lawyer_rating', '+4.5'))),
    expected: rejected(
      'schema',
      DatasetProblem.WrongType,
      { row: 9, column: 'lawyer_rating' },
      'expected a number between 1 and 5, got "+4.5": numbers are written in plain decimal notation (digits, optionally "." and more digits), without a plus sign',
    ),
  },
  {
    name: 'decimals-with-trailing-zeros.csv',
    what: 'the rating and distance of line 2 with a trailing zero added, 4.42 → 4.420 (accepted: the same values)',
    build: () => {
      const withZero = (column: string): string => {
        const value = lines()[1]!.split(',')[COLUMN_NAMES.indexOf(column)]!;
        return value.includes('.') ? `${value}0` : `${value}.0`;
      };
      const changed = withCell(lines(), 2, 'lawyer_rating', withZero('lawyer_rating'));
      return text(csvText(withCell(changed, 2, 'distance_km', withZero('distance_km'))));
    },
    expected: { kind: 'accepted', rows: BASE_ROWS },
  },
  {
    name: 'unknown-category.csv',
    what: 'client_case_type "divorce" (not a schema category) on line 11',
    build: () => text(csvText(withCell(lines(), 11, 'client_case_type', 'divorce'))),
    expected: rejected(
      'schema',
      DatasetProblem.UnknownCategory,
      { row: 11, column: 'client_case_type' },
      'expected one of family, housing, immigration, employment, criminal, consumer, got "divorce"',
    ),
  },
  {
    name: 'unknown-language.csv',
    what: 'a lawyer language list with an unknown entry on line 12',
    build: () => text(csvText(withCell(lines(), 12, 'lawyer_languages', 'english|klingon'))),
    expected: rejected(
      'schema',
      DatasetProblem.UnknownCategory,
      { row: 12, column: 'lawyer_languages' },
      'expected values from english, spanish, mandarin, arabic, french, vietnamese separated by "|", got "english|klingon" with the unknown value "klingon"',
    ),
  },
  {
    name: 'missing-value-marker.csv',
    what: 'pandas wrote NaN for a missing rating on line 2',
    build: () => text(csvText(withCell(lines(), 2, 'lawyer_rating', 'NaN'))),
    expected: rejected(
      'schema',
      DatasetProblem.BlankCell,
      { row: 2, column: 'lawyer_rating' },
      'expected a value, the cell holds the missing-value marker "NaN"',
    ),
  },
  {
    name: 'blank-line-inside.csv',
    what: 'an empty line between data rows (line 6)',
    build: () => text(csvText([...lines().slice(0, 5), '', ...lines().slice(5)])),
    expected: rejected(
      'schema',
      DatasetProblem.RaggedRow,
      { row: 6 },
      'the line is blank; expected 15 fields',
    ),
  },
  {
    name: 'trailing-blank-lines.csv',
    what: 'extra line breaks after the last row (accepted: trailing blank lines are ignored)',
    build: () => text(`${csvText(lines())}\n\n\r\n`),
    expected: { kind: 'accepted', rows: BASE_ROWS },
  },
  {
    name: 'single-label-class.csv',
    what: 'every match_success is 0: schema-valid, but nothing to learn from',
    build: () => text(csvText(allLabels('0'))),
    expected: rejected(
      'labels',
      DatasetProblem.SingleLabelClass,
      { column: LABEL_COLUMN },
      `all ${BASE_ROWS} rows have label 0; training needs both classes (0 and 1)`,
    ),
  },
  {
    name: 'header-only.csv',
    what: 'zero rows: the header and nothing else',
    build: () => text(`${COLUMN_NAMES.join(',')}\n`),
    expected: rejected('schema', DatasetProblem.EmptyFile, {}, 'the file has a header but no data rows'),
  },
  {
    name: 'empty.csv',
    what: 'zero bytes',
    build: () => Buffer.alloc(0),
    expected: rejected('schema', DatasetProblem.EmptyFile, {}, 'the file is empty'),
  },
  {
    name: 'utf16.csv',
    what: 'Excel\'s "Unicode text": UTF-16 little-endian with its byte-order mark',
    build: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csvText(lines()), 'utf16le')]),
    expected: rejected(
      'schema',
      DatasetProblem.WrongEncoding,
      { row: 1 },
      'the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8 CSV',
    ),
  },
  {
    name: 'latin1.csv',
    what: 'a Latin-1 byte (0xE9, "é") in a category on line 4',
    build: () =>
      Buffer.concat([
        text(`${lines().slice(0, 3).join('\n')}\n`),
        Buffer.from('famille ', 'latin1'),
        Buffer.from([0xe9]),
        text(`,${lines()[3]!.split(',').slice(1).join(',')}\n${lines().slice(4).join('\n')}\n`),
      ]),
    expected: rejected(
      'schema',
      DatasetProblem.WrongEncoding,
      { row: 4 },
      'the line is not valid UTF-8 (saved as Latin-1 or Windows-1252?); save the file as UTF-8',
    ),
  },
  {
    name: 'nul-byte.csv',
    what: 'a NUL byte inside a cell on line 7 (a binary file or UTF-16 without its mark)',
    build: () => text(csvText(withCell(lines(), 7, 'client_region', 'no\0rth'))),
    expected: rejected(
      'schema',
      DatasetProblem.WrongEncoding,
      { row: 7 },
      'the file contains a NUL byte: it is UTF-16 or binary, not UTF-8 text',
    ),
  },
  {
    name: 'cr-line-endings.csv',
    what: 'classic Mac OS line endings: a bare \\r after every line',
    build: () => text(`${lines().join('\r')}\r`),
    expected: rejected(
      'schema',
      DatasetProblem.WrongLineEndings,
      { row: 1 },
      'lines end with a bare carriage return (\\r); save the file with \\n or \\r\\n line endings',
    ),
  },
];

/** Looks a case up by file name (tests pick a few for the end-to-end run). */
export function corpusCase(name: string): CorpusCase {
  const found = BAD_CSV_CORPUS.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no corpus case ${name}`);
  return found;
}

/** Writes every corpus file (or the named ones) into `dir` and returns their paths by name. */
export async function writeCorpus(dir: string, names?: readonly string[]): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const c of BAD_CSV_CORPUS) {
    if (names !== undefined && !names.includes(c.name)) continue;
    const file = path.join(dir, c.name);
    await fs.writeFile(file, c.build());
    files.set(c.name, file);
  }
  return files;
}

/** Where the large file's bad row is and how big the file came out. */
export interface LargeBadFile {
  readonly file: string;
  readonly sizeBytes: number;
  /** The line of the bad last row (1-based, header = 1). */
  readonly badLine: number;
}

/**
 * Writes a file of at least `targetBytes` (streamed in 1 MB-ish blocks of valid
 * generated rows, so the test's own memory stays small) whose last row has
 * lawyer_rating 9.5: only a full pass can find it, and the error must name
 * its line.
 */
export async function writeLargeFileWithBadLastRow(file: string, targetBytes: number): Promise<LargeBadFile> {
  const [header, ...rows] = rowsToCsv(generateMatchmakingRows({ rows: 8000, seed: 77 }))
    .trimEnd()
    .split('\n');
  const block = `${rows.join('\n')}\n`;
  const lastRow = withCell([header!, rows[0]!], 2, 'lawyer_rating', '9.5')[1]!;
  const handle = await fs.open(file, 'w');
  let sizeBytes = 0;
  let dataLines = 0;
  try {
    await handle.write(`${header}\n`);
    sizeBytes += header!.length + 1;
    while (sizeBytes < targetBytes) {
      await handle.write(block);
      sizeBytes += block.length;
      dataLines += rows.length;
    }
    await handle.write(`${lastRow}\n`);
    sizeBytes += lastRow.length + 1;
    dataLines += 1;
  } finally {
    await handle.close();
  }
  return { file, sizeBytes, badLine: dataLines + 1 };
}
