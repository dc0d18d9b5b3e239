import { DatasetProblem, DatasetValidationError, SnapshotError, SnapshotErrorCode } from './errors';

describe('DatasetValidationError', () => {
  it('names file, line, column and the problem in its message', () => {
    const error = new DatasetValidationError({
      file: 'data/x.csv',
      row: 7,
      column: 'lawyer_rating',
      problem: DatasetProblem.OutOfRange,
      detail: 'expected a number between 1 and 5, got "6.2"',
    });
    expect(error.message).toBe(
      'data/x.csv line 7, column "lawyer_rating": expected a number between 1 and 5, got "6.2"',
    );
    expect(error).toMatchObject({
      name: 'DatasetValidationError',
      file: 'data/x.csv',
      row: 7,
      column: 'lawyer_rating',
    });
    expect(error).toBeInstanceOf(Error);
  });

  it('leaves out the parts of the location it does not know', () => {
    const whole = new DatasetValidationError({
      file: 'a.csv',
      problem: DatasetProblem.EmptyFile,
      detail: 'the file is empty',
    });
    expect(whole.message).toBe('a.csv: the file is empty');
    expect(whole.row).toBeUndefined();
    const line = new DatasetValidationError({
      file: 'a.csv',
      row: 3,
      problem: DatasetProblem.RaggedRow,
      detail: 'x',
    });
    expect(line.message).toBe('a.csv line 3: x');
    const column = new DatasetValidationError({
      file: 'a.csv',
      column: 'match_success',
      problem: DatasetProblem.SingleLabelClass,
      detail: 'y',
    });
    expect(column.message).toBe('a.csv, column "match_success": y');
  });
});

describe('SnapshotError', () => {
  it('carries its code, the md5 and the path', () => {
    const error = new SnapshotError(SnapshotErrorCode.NotFound, 'no snapshot', 'ab'.repeat(16), '/x');
    expect(error).toMatchObject({
      name: 'SnapshotError',
      code: 'NOT_FOUND',
      md5: 'ab'.repeat(16),
      path: '/x',
    });
  });
});
