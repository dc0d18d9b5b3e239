/**
 * Column access for feature engineering. Every helper fetches a column ONCE
 * (`table.array`, which honours any filter or order on the table) and loops over
 * the selected row indices, so no per-row objects are created: this is what
 * keeps a million-row transform within a few seconds.
 *
 * Row indices always refer to the table's rows as `table.array()` returns them
 * (0..numRows-1).
 */
import type { ColumnTable } from 'arquero';
import { LANGUAGE_LIST_SEPARATOR } from '../data/schema';

/** Throws when `table` lacks one of `names`; `context` prefixes the message. */
export function requireColumns(table: ColumnTable, names: Iterable<string>, context: string): void {
  const present = new Set(table.columnNames());
  for (const name of names) {
    if (!present.has(name)) throw new Error(`${context}: table has no column "${name}"`);
  }
}

/** Throws a RangeError when a row index is not an integer in [0, numRows). */
export function checkRowIndices(rows: ArrayLike<number>, numRows: number, context: string): void {
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    if (!Number.isInteger(r) || r < 0 || r >= numRows) {
      throw new RangeError(
        `${context}: row index ${r} at position ${k} is outside the table (0..${numRows - 1})`,
      );
    }
  }
}

/**
 * A column's values in row order, fetched once; read-only. arquero types cells as
 * `any`; we keep them `unknown`. An unfiltered, unordered table's column (the
 * loader's `Float64Array` or string array) is handed out as it is: `table.array`
 * would copy it into a new array of boxed values (0.8 of a 6-second drift check
 * of 1.1M rows). A filtered or ordered table's values are copied as before.
 */
export function columnValues(table: ColumnTable, name: string): ArrayLike<unknown> {
  if (!table.isFiltered() && !table.isOrdered()) {
    const column: unknown = table.column(name);
    if (Array.isArray(column) || ArrayBuffer.isView(column)) return column as ArrayLike<unknown>;
  }
  return table.array(name) as ArrayLike<unknown>;
}

/**
 * The numeric values of `column` at `rows`, as float64.
 *
 * @throws Error naming the column and row when a cell is not a finite number
 */
export function numericAt(table: ColumnTable, column: string, rows: ArrayLike<number>): Float64Array {
  const source = columnValues(table, column);
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    const v = source[r];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new Error(`column "${column}", row ${r}: expected a finite number, got ${String(v)}`);
    }
    out[k] = v;
  }
  return out;
}

/** The string cells of `column` at `rows`; non-strings (null, missing) become undefined. */
export function stringsAt(
  table: ColumnTable,
  column: string,
  rows: ArrayLike<number>,
): (string | undefined)[] {
  const source = columnValues(table, column);
  const out = new Array<string | undefined>(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const v = source[rows[k]!];
    out[k] = typeof v === 'string' ? v : undefined;
  }
  return out;
}

/**
 * Parses `english|spanish` into a set, memoised per distinct cell text: the
 * column has few distinct values (subsets of six languages), so a million rows
 * cost a million Map look-ups rather than a million `split`s.
 */
export function createLanguageSetParser(): (cell: string | undefined) => ReadonlySet<string> {
  const cache = new Map<string, ReadonlySet<string>>();
  const empty: ReadonlySet<string> = new Set();
  return (cell) => {
    if (cell === undefined) return empty;
    let parsed = cache.get(cell);
    if (parsed === undefined) {
      parsed = new Set(
        cell
          .split(LANGUAGE_LIST_SEPARATOR)
          .map((s) => s.trim())
          .filter((s) => s.length > 0),
      );
      cache.set(cell, parsed);
    }
    return parsed;
  };
}
