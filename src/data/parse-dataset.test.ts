import { csvText, validCsvLines, withCell } from './dataset.fixture';
import { DatasetProblem, type DatasetValidationError } from './errors';
import { parseDatasetCsv } from './parse-dataset';
import { COLUMN_NAMES } from './schema';

function parseError(text: string): DatasetValidationError {
  try {
    parseDatasetCsv(text, 'mem.csv');
  } catch (error) {
    return error as DatasetValidationError;
  }
  throw new Error('expected the text to be rejected');
}

/** Moves column `name` to the front of every line. */
function moveColumnFirst(lines: readonly string[], name: string): string[] {
  const index = COLUMN_NAMES.indexOf(name);
  return lines.map((line) => {
    const cells = line.split(',');
    const [moved] = cells.splice(index, 1);
    return [moved, ...cells].join(',');
  });
}

describe('parseDatasetCsv', () => {
  const lines = validCsvLines(8);

  it('puts columns back in canonical order when the file orders them differently', () => {
    const table = parseDatasetCsv(csvText(moveColumnFirst(lines, 'distance_km')), 'mem.csv');
    expect(table.columnNames()).toEqual(COLUMN_NAMES);
    expect(table.get('distance_km', 0)).toBe(
      Number(lines[1]!.split(',')[COLUMN_NAMES.indexOf('distance_km')]),
    );
  });

  it('reads double-quoted fields, including a quoted language list', () => {
    const quoted = lines.map((line) => line.replace(/^([a-z_]+),/, '"$1",'));
    const table = parseDatasetCsv(csvText(quoted), 'mem.csv');
    expect(table.get('client_case_type', 0)).toBe(lines[1]!.split(',')[0]);
  });

  it('reports the lowest line first, whichever column it is in', () => {
    const text = csvText(withCell(withCell(lines, 6, 'client_case_type', 'x'), 3, 'distance_km', '-1'));
    expect(parseError(text)).toMatchObject({
      row: 3,
      column: 'distance_km',
      problem: DatasetProblem.OutOfRange,
    });
  });

  it('reports the first column in schema order when one line has two problems, even if the file orders them otherwise', () => {
    const damaged = withCell(withCell(lines, 4, 'client_age', ''), 4, 'lawyer_rating', '9');
    const text = csvText(moveColumnFirst(damaged, 'lawyer_rating'));
    expect(parseError(text)).toMatchObject({
      row: 4,
      column: 'client_age',
      problem: DatasetProblem.BlankCell,
    });
  });

  it('reports a bad cell above a ragged line before the ragged line', () => {
    const damaged = withCell(lines, 3, 'lawyer_rating', '0');
    damaged[5] = `${damaged[5]},extra`;
    expect(parseError(csvText(damaged))).toMatchObject({ row: 3, problem: DatasetProblem.OutOfRange });
  });

  it('reports a ragged line before a bad cell below it', () => {
    const damaged = withCell(lines, 8, 'lawyer_rating', '0');
    damaged[4] = `${damaged[4]},extra`;
    const error = parseError(csvText(damaged));
    expect(error).toMatchObject({ row: 5, column: undefined, problem: DatasetProblem.RaggedRow });
    expect(error.detail).toBe('expected 15 fields like the header, got 16');
  });

  it('treats a blank line between rows as a ragged row, but ignores blank lines at the end', () => {
    const blankInside = [...lines.slice(0, 3), '', ...lines.slice(3)];
    expect(parseError(csvText(blankInside))).toMatchObject({ row: 4, problem: DatasetProblem.RaggedRow });
    expect(parseDatasetCsv(`${csvText(lines)}\n\n`, 'mem.csv').numRows()).toBe(8);
  });

  it('reports broken quoting as a ragged row', () => {
    const damaged = [...lines];
    damaged[2] = `"family,${damaged[2]!.split(',').slice(1).join(',')}`;
    expect(parseError(csvText(damaged))).toMatchObject({ row: 3, problem: DatasetProblem.RaggedRow });
  });

  it('rejects hexadecimal, infinite and padded numbers as WRONG_TYPE', () => {
    for (const value of ['0x1F', 'Infinity', ' 12']) {
      expect(parseError(csvText(withCell(lines, 2, 'lawyer_caseload', value)))).toMatchObject({
        row: 2,
        column: 'lawyer_caseload',
        problem: DatasetProblem.WrongType,
      });
    }
  });

  it('refuses an integer written with a zero fraction, a label written as 1.0 and a negative zero', () => {
    expect(parseError(csvText(withCell(lines, 2, 'client_age', '40.0')))).toMatchObject({
      row: 2,
      column: 'client_age',
      problem: DatasetProblem.WrongType,
      detail:
        'expected an integer between 16 and 100, got "40.0": integers are written in plain digits, without a decimal point',
    });
    expect(parseError(csvText(withCell(lines, 3, 'match_success', '1.0')))).toMatchObject({
      row: 3,
      column: 'match_success',
      problem: DatasetProblem.NonBinaryLabel,
      detail:
        'the label must be 0 or 1, got "1.0": integers are written in plain digits, without a decimal point',
    });
    expect(parseError(csvText(withCell(lines, 4, 'distance_km', '-0.0')))).toMatchObject({
      row: 4,
      column: 'distance_km',
      problem: DatasetProblem.WrongType,
    });
  });

  it('reads numbers in the grammar as their values, trailing zeros of a fraction included', () => {
    const text = csvText(withCell(withCell(lines, 2, 'lawyer_rating', '4.50'), 2, 'distance_km', '0'));
    const table = parseDatasetCsv(text, 'mem.csv');
    expect(table.get('lawyer_rating', 0)).toBe(4.5);
    expect(Object.is(table.get('distance_km', 0), 0)).toBe(true);
  });
});
