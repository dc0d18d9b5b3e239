import { parseCsvTable, peekCsvHeader } from './csv-table';
import { DatasetValidationError } from './errors';

/** The error `fn` throws (the test fails if it does not throw). */
function caught(fn: () => unknown): DatasetValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DatasetValidationError) return error;
    throw error;
  }
  throw new Error('expected a DatasetValidationError');
}

describe('parseCsvTable', () => {
  it('reads a header and the cell texts column by column, untrimmed', () => {
    const table = parseCsvTable('id,name\n1, Ann\n2,Bob \n', 'people.csv');
    expect(table).toEqual({
      file: 'people.csv',
      header: ['id', 'name'],
      rowCount: 2,
      columns: [
        ['1', '2'],
        [' Ann', 'Bob '],
      ],
    });
  });

  it('accepts a UTF-8 byte-order mark, CRLF line ends, quoted fields and trailing line breaks', () => {
    const text = '\uFEFFregion,"note"\r\n"north, coastal","say ""hi"""\r\nsouth,\r\n\r\n';
    const table = parseCsvTable(Buffer.from(text, 'utf8'), 'r.csv');
    expect(table.header).toEqual(['region', 'note']);
    expect(table.columns).toEqual([
      ['north, coastal', 'south'],
      ['say "hi"', ''],
    ]);
  });

  it('refuses a row with another number of fields, naming its line', () => {
    const error = caught(() => parseCsvTable('a,b\n1,2\n3\n4,5\n', 'x.csv'));
    expect(error).toMatchObject({ row: 3, problem: 'RAGGED_ROW' });
    expect(error.message).toBe('x.csv line 3: expected 2 fields like the header, got 1');
  });

  it('refuses a quoted field that spans lines, naming the line where it opens', () => {
    const error = caught(() => parseCsvTable('a,b\n1,"two\nlines"\n', 'x.csv'));
    expect(error).toMatchObject({ row: 2, problem: 'RAGGED_ROW' });
    expect(error.message).toContain('a quoted field opens on this line and does not close on it');
  });

  it('refuses a blank line between rows', () => {
    expect(caught(() => parseCsvTable('a,b\n1,2\n\n3,4\n', 'x.csv')).message).toBe(
      'x.csv line 3: the line is blank; expected 2 fields',
    );
  });

  it('refuses a blank line in a one-column file too, where pandas would skip it', () => {
    expect(caught(() => parseCsvTable('a\n1\n \n2\n', 'x.csv'))).toMatchObject({
      row: 3,
      problem: 'RAGGED_ROW',
    });
    expect(parseCsvTable('a\n1\n""\n', 'x.csv').columns).toEqual([['1', '']]);
  });

  it('refuses duplicate and blank column names', () => {
    expect(caught(() => parseCsvTable('a,b,a\n1,2,3\n', 'x.csv')).message).toBe(
      'x.csv line 1, column "a": appears twice in the header (fields 1 and 3)',
    );
    expect(caught(() => parseCsvTable('a,,c\n1,2,3\n', 'x.csv')).message).toBe(
      'x.csv line 1: field 2 of the header is blank: every column needs a name',
    );
  });

  it('refuses a file separated by semicolons', () => {
    expect(caught(() => parseCsvTable('a;b;c\n1;2;3\n', 'x.csv'))).toMatchObject({
      row: 1,
      problem: 'WRONG_DELIMITER',
    });
  });

  it('refuses an empty file, a header without rows, and text that is not UTF-8', () => {
    expect(caught(() => parseCsvTable('', 'x.csv')).problem).toBe('EMPTY_FILE');
    expect(caught(() => parseCsvTable('a,b\n', 'x.csv')).message).toBe(
      'x.csv: the file has a header but no data rows',
    );
    expect(caught(() => parseCsvTable(Buffer.from([0x61, 0x0a, 0xe9, 0x0a]), 'x.csv'))).toMatchObject({
      row: 2,
      problem: 'WRONG_ENCODING',
    });
  });

  it('refuses lines that end with a bare carriage return', () => {
    expect(caught(() => parseCsvTable('a,b\r1,2\r', 'x.csv')).problem).toBe('WRONG_LINE_ENDINGS');
  });
});

describe('peekCsvHeader', () => {
  it('reads only the first line, through a BOM, CRLF and quotes', () => {
    expect(peekCsvHeader(Buffer.from('\uFEFF"a,1",b\r\n1,2\n'))).toEqual(['a,1', 'b']);
    expect(peekCsvHeader(Buffer.from('a,b'))).toEqual(['a', 'b']);
  });

  it('gives undefined for a header with broken quoting', () => {
    expect(peekCsvHeader(Buffer.from('"a,b\n'))).toBeUndefined();
  });
});
