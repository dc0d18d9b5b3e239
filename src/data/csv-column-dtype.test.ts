import { readFileSync } from 'node:fs';
import { loadForeignTables, tablePath, type DtypeCase } from '../../test/reference/drift/foreign-tables';
import { typeCsvColumn, type TypedCsvColumn } from './csv-column-dtype';
import { parseCsvTable } from './csv-table';

// Expected dtypes and values: pandas 2.3.3's read_csv with its defaults, on the same text
// (test/reference/drift/foreign_tables.py).
const { dtypeCases, tables } = loadForeignTables();

function columnOf(csv: string, name: string, file = 'case.csv'): TypedCsvColumn {
  const table = parseCsvTable(csv, file);
  return typeCsvColumn(table.columns[table.header.indexOf(name)]!);
}

/** pandas' value as this module holds it: NaN → null, integers from their exact decimal text. */
function pandasValue(dtype: string, value: DtypeCase['values'][number]): unknown {
  if (value === null) return null;
  if (dtype === 'int64' && typeof value === 'string') return Number(value);
  if (dtype === 'float64' && typeof value === 'string') return Number(value); // "Infinity"
  return value;
}

/** pandas holds an integer a double cannot: int64 beyond 2^53, or digits beyond int64 kept as text. */
function holdsUnsafeInteger(c: DtypeCase): boolean {
  return c.values.some((v) => typeof v === 'string' && /^-?\d+$/.test(v) && !Number.isSafeInteger(Number(v)));
}

describe('typeCsvColumn against pandas.read_csv', () => {
  const exact = dtypeCases.filter((c) => !holdsUnsafeInteger(c));

  it.each(exact.map((c) => [JSON.stringify(c.csv.slice(4)), c] as const))('%s', (_name, c) => {
    const typed = columnOf(c.csv, 'a');
    expect(typed.dtype).toBe(c.dtype);
    expect(typed.values).toEqual(c.values.map((v) => pandasValue(c.dtype, v)));
    expect(typed.missing).toBe(c.values.filter((v) => v === null).length);
    expect(typed.unsafeIntegerRow).toBe(-1);
  });

  it('flags integers beyond 2^53, which pandas holds as int64 or text but a double cannot', () => {
    const unsafe = dtypeCases.filter(holdsUnsafeInteger);
    expect(unsafe.length).toBeGreaterThanOrEqual(3);
    for (const c of unsafe) expect([c.csv, columnOf(c.csv, 'a').unsafeIntegerRow]).toEqual([c.csv, 0]);
  });

  it('keeps -0 in float columns and not in integer columns, as pandas does', () => {
    expect(Object.is(columnOf('a\n1\n-0\n', 'a').values[1], 0)).toBe(true);
    expect(Object.is(columnOf('a\n1.5\n-0\n', 'a').values[1], -0)).toBe(true);
  });

  it.each(tables.map((t) => [t.name, t] as const))(
    'reads every column of the %s table with the dtype pandas gives it',
    (_name, t) => {
      for (const side of ['reference', 'current'] as const) {
        const table = parseCsvTable(readFileSync(tablePath(t[side])), t[side]);
        const dtypes = Object.fromEntries(
          table.header.map((name, i) => [name, typeCsvColumn(table.columns[i]!).dtype]),
        );
        expect([side, dtypes]).toEqual([side, t.dtypes[side]]);
      }
    },
  );
});
