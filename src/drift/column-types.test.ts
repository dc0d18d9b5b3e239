import { readFileSync } from 'node:fs';
import { loadForeignTables, tablePath } from '../../test/reference/drift/foreign-tables';
import { typeCsvColumn } from '../data/csv-column-dtype';
import { parseCsvTable } from '../data/csv-table';
import { INTEGER_CARDINALITY_LIMIT, evidentlyColumnType } from './column-types';

// Expected types: Evidently 0.7.23's infer_column_type on pd.read_csv of the same text
// (test/reference/drift/foreign_tables.py).
const { dtypeCases, tables } = loadForeignTables();

describe('evidentlyColumnType against Evidently', () => {
  it.each(dtypeCases.map((c) => [JSON.stringify(c.csv.slice(4)), c] as const))('%s', (_name, c) => {
    const table = parseCsvTable(c.csv, 'case.csv');
    const column = typeCsvColumn(table.columns[0]!);
    if (column.unsafeIntegerRow !== -1) return; // refused before typing (see csv-column-dtype.test.ts)
    expect(evidentlyColumnType(column)).toBe(c.evidentlyType);
  });

  it.each(tables.map((t) => [t.name, t] as const))(
    'types every column of the %s table from the current file as Evidently does',
    (_name, t) => {
      const current = parseCsvTable(readFileSync(tablePath(t.current)), t.current);
      const types = Object.fromEntries(
        current.header.map((name, i) => [name, evidentlyColumnType(typeCsvColumn(current.columns[i]!))]),
      );
      expect(types).toEqual(t.inferredTypes);
    },
  );
});

describe('evidentlyColumnType rules', () => {
  const ints = (n: number) => Array.from({ length: 40 }, (_, i) => i % n);

  it('makes integers categorical up to 10 distinct values, numerical beyond', () => {
    expect(evidentlyColumnType({ dtype: 'int64', values: ints(INTEGER_CARDINALITY_LIMIT) })).toBe(
      'categorical',
    );
    expect(evidentlyColumnType({ dtype: 'int64', values: ints(INTEGER_CARDINALITY_LIMIT + 1) })).toBe(
      'numerical',
    );
  });

  it('makes floats numerical whatever their values, and booleans categorical', () => {
    expect(evidentlyColumnType({ dtype: 'float64', values: [1, 2, null] })).toBe('numerical');
    expect(evidentlyColumnType({ dtype: 'bool', values: [true, false, true] })).toBe('categorical');
  });

  it('makes strings text when more than half the non-missing cells are distinct', () => {
    expect(evidentlyColumnType({ dtype: 'object', values: ['a', 'b', 'a', 'b', null] })).toBe('categorical');
    expect(evidentlyColumnType({ dtype: 'object', values: ['a', 'b', 'c', 'a', null] })).toBe('text');
  });

  it('makes objects that are not strings at both ends unknown', () => {
    expect(evidentlyColumnType({ dtype: 'object', values: [true, null, false] })).toBe('unknown');
    expect(evidentlyColumnType({ dtype: 'object', values: [null, null] })).toBe('unknown');
  });
});
