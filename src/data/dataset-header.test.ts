import { mapHeaderToSchema } from './dataset-header';
import { DatasetProblem } from './errors';
import { COLUMN_NAMES } from './schema';

describe('mapHeaderToSchema', () => {
  it('maps each file column to its schema position, whatever the file order', () => {
    const reversed = [...COLUMN_NAMES].reverse();
    expect([...mapHeaderToSchema(reversed, 'f.csv')]).toEqual(
      reversed.map((name) => COLUMN_NAMES.indexOf(name)),
    );
  });

  it('reports a duplicate before an extra column, and an extra column before a missing one', () => {
    const header = [...COLUMN_NAMES.slice(1), 'notes', 'client_age'];
    expect(() => mapHeaderToSchema(header, 'f.csv')).toThrow(
      expect.objectContaining({ problem: DatasetProblem.DuplicateColumn, column: 'client_age' }) as Error,
    );
    expect(() => mapHeaderToSchema(header.slice(0, -1), 'f.csv')).toThrow(
      expect.objectContaining({ problem: DatasetProblem.ExtraColumn, column: 'notes' }) as Error,
    );
    expect(() => mapHeaderToSchema(COLUMN_NAMES.slice(1), 'f.csv')).toThrow(
      expect.objectContaining({
        problem: DatasetProblem.MissingColumn,
        column: 'client_case_type',
        row: 1,
      }) as Error,
    );
  });

  it('does not forgive a column name with a stray space', () => {
    const header = COLUMN_NAMES.map((name) => (name === 'client_age' ? ' client_age' : name));
    expect(() => mapHeaderToSchema(header, 'f.csv')).toThrow(
      expect.objectContaining({ problem: DatasetProblem.ExtraColumn, column: ' client_age' }) as Error,
    );
  });

  it('hints at the schema name for a near miss, and not for an unrelated name', () => {
    const header = COLUMN_NAMES.map((name) => (name === 'lawyer_rating' ? 'Lawyer Rating' : name));
    expect(() => mapHeaderToSchema(header, 'f.csv')).toThrow(
      expect.objectContaining({
        column: 'Lawyer Rating',
        detail:
          'is not a column of the dataset schema (did you mean "lawyer_rating"? names must match exactly: no spaces, capitals or hyphens)',
      }) as Error,
    );
    expect(() => mapHeaderToSchema([...COLUMN_NAMES, 'notes'], 'f.csv')).toThrow(
      expect.objectContaining({ detail: 'is not a column of the dataset schema' }) as Error,
    );
  });

  it('reports a blank header line as missing columns', () => {
    expect(() => mapHeaderToSchema([''], 'f.csv')).toThrow(
      expect.objectContaining({ problem: DatasetProblem.MissingColumn, row: 1 }) as Error,
    );
  });
});
