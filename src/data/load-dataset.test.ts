import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  csvText,
  makeTempDir,
  removeTempDirs,
  validCsvLines,
  withCell,
  writeTempFile,
} from './dataset.fixture';
import { DatasetProblem, DatasetValidationError } from './errors';
import { generateMatchmakingRows, rowsToCsv } from './generate';
import { assertBothLabelClasses, loadDatasetCsv, readDatasetFile } from './load-dataset';
import { COLUMN_NAMES, LABEL_COLUMN } from './schema';

afterAll(removeTempDirs);

/** Loads `text` from a temp file and returns the error it raises. */
async function loadError(text: string | Uint8Array): Promise<DatasetValidationError> {
  const file = await writeTempFile('dataset.csv', text);
  const error: unknown = await loadDatasetCsv(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DatasetValidationError))
    throw new Error(`expected a DatasetValidationError, got ${String(error)}`);
  expect(error.file).toBe(file);
  return error;
}

/** Removes the column `name` from every line. */
function withoutColumn(lines: readonly string[], name: string): string[] {
  const index = COLUMN_NAMES.indexOf(name);
  return lines.map((line) =>
    line
      .split(',')
      .filter((_, i) => i !== index)
      .join(','),
  );
}

describe('loadDatasetCsv', () => {
  const lines = validCsvLines(8); // header = line 1, data = lines 2..9

  it('loads what generate.ts writes, value for value, with columns in canonical order', async () => {
    const rows = generateMatchmakingRows({ rows: 300, seed: 5, drift: 0.3 });
    const table = await loadDatasetCsv(await writeTempFile('round-trip.csv', rowsToCsv(rows)));
    expect(table.columnNames()).toEqual(COLUMN_NAMES);
    expect(table.objects()).toEqual(rows);
  });

  it('returns numeric columns as numbers and categorical columns as strings', async () => {
    const table = await loadDatasetCsv(await writeTempFile('types.csv', csvText(lines)));
    expect(typeof table.get('lawyer_rating', 0)).toBe('number');
    expect(typeof table.get('lawyer_pro_bono', 0)).toBe('number');
    expect(typeof table.get(LABEL_COLUMN, 0)).toBe('number');
    expect(typeof table.get('client_case_type', 0)).toBe('string');
    expect(typeof table.get('lawyer_languages', 0)).toBe('string');
  });

  it('accepts a UTF-8 byte-order mark and CRLF line endings', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const table = await loadDatasetCsv(
      await writeTempFile('windows.csv', Buffer.concat([bom, Buffer.from(`${lines.join('\r\n')}\r\n`)])),
    );
    expect(table.numRows()).toBe(8);
    expect(table.columnNames()[0]).toBe('client_case_type');
    expect(table.get(LABEL_COLUMN, 7)).toBe(Number(lines[8]!.split(',').at(-1)));
  });

  it('reports MISSING_COLUMN on line 1 naming the absent column', async () => {
    const error = await loadError(csvText(withoutColumn(lines, 'lawyer_rating')));
    expect(error).toMatchObject({ problem: DatasetProblem.MissingColumn, row: 1, column: 'lawyer_rating' });
    expect(error.message).toBe(`${error.file} line 1, column "lawyer_rating": is missing from the header`);
  });

  it('reports EXTRA_COLUMN on line 1 naming the unknown column', async () => {
    const error = await loadError(csvText(lines.map((l, i) => `${l},${i === 0 ? 'notes' : 'x'}`)));
    expect(error).toMatchObject({ problem: DatasetProblem.ExtraColumn, row: 1, column: 'notes' });
  });

  it('reports DUPLICATE_COLUMN on line 1 naming the repeated column', async () => {
    const error = await loadError(csvText(lines.map((l, i) => `${l},${i === 0 ? 'client_age' : '30'}`)));
    expect(error).toMatchObject({ problem: DatasetProblem.DuplicateColumn, row: 1, column: 'client_age' });
    expect(error.detail).toBe('appears twice in the header (fields 6 and 16)');
  });

  it('reports WRONG_TYPE for text in an integer column', async () => {
    const error = await loadError(csvText(withCell(lines, 5, 'lawyer_caseload', 'many')));
    expect(error).toMatchObject({ problem: DatasetProblem.WrongType, row: 5, column: 'lawyer_caseload' });
    expect(error.detail).toBe('expected an integer between 0 and 200, got "many"');
  });

  it('reports WRONG_TYPE for a fraction in an integer column', async () => {
    const error = await loadError(csvText(withCell(lines, 3, 'client_age', '41.5')));
    expect(error).toMatchObject({ problem: DatasetProblem.WrongType, row: 3, column: 'client_age' });
  });

  it('reports BLANK_CELL for an empty cell and for a NaN marker', async () => {
    const blank = await loadError(csvText(withCell(lines, 4, 'client_region', '')));
    expect(blank).toMatchObject({ problem: DatasetProblem.BlankCell, row: 4, column: 'client_region' });
    const nan = await loadError(csvText(withCell(lines, 6, 'distance_km', 'NaN')));
    expect(nan).toMatchObject({ problem: DatasetProblem.BlankCell, row: 6, column: 'distance_km' });
  });

  it('reports OUT_OF_RANGE with the expected range and the cell as written', async () => {
    const error = await loadError(csvText(withCell(lines, 7, 'lawyer_rating', '6.2')));
    expect(error).toMatchObject({ problem: DatasetProblem.OutOfRange, row: 7, column: 'lawyer_rating' });
    expect(error.message).toBe(
      `${error.file} line 7, column "lawyer_rating": expected a number between 1 and 5, got "6.2"`,
    );
  });

  it('reports OUT_OF_RANGE for a binary feature other than 0 or 1', async () => {
    const error = await loadError(csvText(withCell(lines, 2, 'lawyer_pro_bono', '2')));
    expect(error).toMatchObject({ problem: DatasetProblem.OutOfRange, row: 2, column: 'lawyer_pro_bono' });
  });

  it('reports UNKNOWN_CATEGORY for a value outside the categories', async () => {
    const error = await loadError(csvText(withCell(lines, 8, 'client_case_type', 'divorce')));
    expect(error).toMatchObject({
      problem: DatasetProblem.UnknownCategory,
      row: 8,
      column: 'client_case_type',
    });
    expect(error.detail).toBe(
      'expected one of family, housing, immigration, employment, criminal, consumer, got "divorce"',
    );
  });

  it('reports UNKNOWN_CATEGORY for an unknown or empty part of a language list', async () => {
    const unknown = await loadError(csvText(withCell(lines, 3, 'lawyer_languages', 'english|klingon')));
    expect(unknown).toMatchObject({
      problem: DatasetProblem.UnknownCategory,
      row: 3,
      column: 'lawyer_languages',
    });
    expect(unknown.detail).toContain('"klingon"');
    const empty = await loadError(csvText(withCell(lines, 4, 'lawyer_languages', 'english|')));
    expect(empty).toMatchObject({
      problem: DatasetProblem.UnknownCategory,
      row: 4,
      column: 'lawyer_languages',
    });
  });

  it('reports NON_BINARY_LABEL for a label other than 0 or 1', async () => {
    const error = await loadError(csvText(withCell(lines, 3, LABEL_COLUMN, 'yes')));
    expect(error).toMatchObject({ problem: DatasetProblem.NonBinaryLabel, row: 3, column: LABEL_COLUMN });
    expect(error.detail).toBe('the label must be 0 or 1, got "yes"');
  });

  it('reports EMPTY_FILE for a file of 0 bytes and for a header without rows', async () => {
    expect(await loadError('')).toMatchObject({
      problem: DatasetProblem.EmptyFile,
      row: undefined,
      column: undefined,
    });
    const headerOnly = await loadError(`${lines[0]}\n`);
    expect(headerOnly).toMatchObject({ problem: DatasetProblem.EmptyFile, row: undefined });
    expect(headerOnly.detail).toBe('the file has a header but no data rows');
  });

  it('reports UNREADABLE_FILE for a missing file and for a directory', async () => {
    const dir = await makeTempDir();
    const missing = path.join(dir, 'nope.csv');
    await expect(loadDatasetCsv(missing)).rejects.toMatchObject({
      problem: DatasetProblem.UnreadableFile,
      file: missing,
      message: `${missing}: cannot read the file: it does not exist`,
    });
    await expect(loadDatasetCsv(dir)).rejects.toMatchObject({
      problem: DatasetProblem.UnreadableFile,
      message: `${dir}: cannot read the file: it is a directory`,
    });
  });

  it('reports UNREADABLE_FILE for a named pipe without blocking on it', async () => {
    const fifo = path.join(await makeTempDir(), 'pipe.csv');
    await promisify(execFile)('mkfifo', [fifo]);
    await expect(loadDatasetCsv(fifo)).rejects.toMatchObject({
      problem: DatasetProblem.UnreadableFile,
      message: `${fifo}: cannot read the file: it is not a regular file (a pipe or a device?)`,
    });
  });

  it('names the file as the caller labels it in read errors', async () => {
    const missing = path.join(await makeTempDir(), 'nope.csv');
    await expect(readDatasetFile(missing, 'data/nope.csv')).rejects.toMatchObject({
      file: 'data/nope.csv',
      message: 'data/nope.csv: cannot read the file: it does not exist',
    });
  });

  it('reports RAGGED_ROW for a truncated last row', async () => {
    const truncated = [...lines.slice(0, -1), lines.at(-1)!.slice(0, 40)];
    const error = await loadError(truncated.join('\n')); // cut mid-write: no final newline either
    expect(error).toMatchObject({ problem: DatasetProblem.RaggedRow, row: 9, column: undefined });
    expect(error.detail).toMatch(
      /^expected 15 fields like the header, got \d+: the last line is incomplete and the file does not end with a line break/,
    );
  });

  it('reports SINGLE_LABEL_CLASS (after loading) when every label is the same', async () => {
    let allZero = lines;
    for (let line = 2; line <= lines.length; line++) allZero = withCell(allZero, line, LABEL_COLUMN, '0');
    const file = await writeTempFile('zeros.csv', csvText(allZero));
    const table = await loadDatasetCsv(file);
    expect(() => assertBothLabelClasses(table, file)).toThrow(
      expect.objectContaining({
        problem: DatasetProblem.SingleLabelClass,
        row: undefined,
        column: LABEL_COLUMN,
        message: `${file}, column "match_success": all 8 rows have label 0; training needs both classes (0 and 1)`,
      }) as Error,
    );
  });

  it('lets a table with both label classes through assertBothLabelClasses', async () => {
    const table = await loadDatasetCsv(
      await writeTempFile('ok.csv', rowsToCsv(generateMatchmakingRows({ rows: 50, seed: 3 }))),
    );
    expect(() => assertBothLabelClasses(table, 'ok.csv')).not.toThrow();
  });

  it('never leaves the file it read changed', async () => {
    const file = await writeTempFile('unchanged.csv', csvText(lines));
    await loadDatasetCsv(file);
    expect(await fs.readFile(file, 'utf8')).toBe(csvText(lines));
  });
});
