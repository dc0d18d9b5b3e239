import { parseCsvTable } from '../data/csv-table';
import { DatasetValidationError } from '../data/errors';
import { csvDriftColumns } from './csv-drift-columns';
import { DriftInputError } from './errors';
import type { ColumnDriftType } from './method-selection';

/** Two tables from CSV text (named ref.csv and cur.csv), read into drift columns. */
function columns(reference: string, current: string, columnTypes?: Record<string, ColumnDriftType>) {
  return csvDriftColumns({
    reference: parseCsvTable(reference, 'ref.csv'),
    current: parseCsvTable(current, 'cur.csv'),
    ...(columnTypes ? { columnTypes } : {}),
  });
}

/** The error `fn` throws (the test fails if it does not throw). */
function caught(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

const many = (n: number, cell: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => cell(i)).join('\n');

describe('csvDriftColumns', () => {
  it('types columns from the current file and keeps the reference order', () => {
    const result = columns(
      `x,k,s\n${many(12, (i) => `${i},${i % 3},${'ab'[i % 2]}`)}\n`,
      `s,k,x\n${many(12, (i) => `${'ab'[i % 2]},${i % 3},${i + 0.5}`)}\n`,
    );
    expect(result.columns).toEqual(['x', 'k', 's']);
    expect(result.columnTypes).toEqual({ x: 'numeric', k: 'categorical', s: 'categorical' });
    // x is int64 in the reference but float64 in the current: not integer-valued for binning.
    expect(result.integerValued).toEqual({ x: false, k: true, s: false });
    expect(result.current.x![0]).toBe(0.5);
    expect(result.typeSources).toEqual({ x: 'inferred', k: 'inferred', s: 'inferred' });
  });

  it('lets given types win over inference', () => {
    const result = columns('k\n1\n2\n', 'k\n2\n3\n', { k: 'numeric' });
    expect(result.columnTypes.k).toBe('numeric');
    expect(result.typeSources.k).toBe('given');
  });

  it('names the columns that differ between the headers', () => {
    const error = caught(() => columns('a,b,c\n1,2,3\n', 'a,d\n1,2\n'));
    expect(error).toBeInstanceOf(DatasetValidationError);
    expect(error.message).toBe(
      'cur.csv line 1: the header does not have the columns of the reference ref.csv ' +
        '(missing here: b, c; not in the reference: d)',
    );
  });

  it('refuses a type for a column the files do not have, listing the real ones', () => {
    const error = caught(() => columns('a\n1\n', 'a\n2\n', { b: 'categorical' }));
    expect(error).toBeInstanceOf(DriftInputError);
    expect(error.message).toBe(
      'Column types are given for columns that are not in the files: b (the columns are a)',
    );
  });

  it('refuses text in a numeric column, naming the file, line and column', () => {
    const error = caught(() => columns(`x\n1.5\n2.5\nabc\n`, `x\n1.5\n2.5\n`));
    expect(error).toMatchObject({ file: 'ref.csv', row: 4, column: 'x', problem: 'WRONG_TYPE' });
    expect(error.message).toBe(
      'ref.csv line 4, column "x": expected a number: the column is numeric ' +
        '(inferred from the numbers of the current file), got "abc"',
    );
  });

  it('refuses an empty column on either side', () => {
    expect(caught(() => columns('x,y\n1,\n2,NA\n', 'x,y\n1,2\n2,3\n'))).toMatchObject({
      file: 'ref.csv',
      column: 'y',
      problem: 'EMPTY_COLUMN',
    });
  });

  it('refuses integers a double cannot hold, naming the line', () => {
    expect(caught(() => columns('id\n1\n9007199254740993\n', 'id\n1\n2\n'))).toMatchObject({
      file: 'ref.csv',
      row: 3,
      column: 'id',
      problem: 'UNSUPPORTED_COLUMN_TYPE',
    });
  });

  it('refuses a text column and booleans with gaps, saying how to compare them anyway', () => {
    const text = caught(() => columns('note\nhello\nbye\n', 'note\nhi\nyo\n'));
    expect(text.message).toContain(
      "is free text or ids by Evidently's rules (2 distinct values in 2 non-empty cells",
    );
    const gaps = caught(() => columns('b\nTrue\nFalse\n', 'b\nTrue\nNA\n'));
    expect(gaps.message).toContain('holds true/false with empty cells');
    expect(columns('b\nTrue\nFalse\n', 'b\nTrue\nNA\n', { b: 'categorical' }).current.b).toEqual([
      true,
      null,
    ]);
  });
});
