/**
 * One decoder per schema column: it receives that column's cell texts as the
 * rows are split, stores them in a flat array (a Float64Array for numbers, an
 * array of shared category strings for categories) and afterwards validates the
 * whole array in one tight loop. No per-row objects are created, which is what
 * lets a million-row file load in seconds.
 *
 * A decoder marks a cell it cannot read (NaN, null) and only says WHICH row is
 * the first bad one; `cell-problems.ts` explains why, from the cell's text.
 */
import { findSetProblem, parsePlainDecimal, parsePlainInteger } from './cell-values';
import { ColumnKind, LANGUAGE_LIST_SEPARATOR, type ColumnSpec } from './schema';

/** Column values as the loaded table holds them. */
export type DecodedColumn = Float64Array | string[];

/** Reads, stores and validates one column. */
export interface ColumnDecoder {
  readonly spec: ColumnSpec;
  /** Stores the cell of data row `row` (0-based). */
  set(row: number, text: string): void;
  /** The first of rows 0..rowCount-1 whose cell is invalid, or -1 when all are valid. */
  firstInvalidRow(rowCount: number): number;
  /** The values of rows 0..rowCount-1; only meaningful once `firstInvalidRow` returned -1. */
  values(rowCount: number): DecodedColumn;
}

/** Distinct language lists remembered per file; real files have a few dozen. The cap bounds memory on garbage input. */
const SET_CACHE_LIMIT = 4096;

function numericDecoder(spec: ColumnSpec, capacity: number): ColumnDecoder {
  const data = new Float64Array(capacity);
  const binary = spec.kind === ColumnKind.Binary;
  const integer = spec.kind === ColumnKind.Integer;
  // The number grammar (cell-values.ts): plain integers for integer and binary columns.
  const parse = integer || binary ? parsePlainInteger : parsePlainDecimal;
  const min = binary ? 0 : (spec.min ?? -Infinity);
  const max = binary ? 1 : (spec.max ?? Infinity);
  return {
    spec,
    set(row, text) {
      data[row] = parse(text);
    },
    firstInvalidRow(rowCount) {
      for (let i = 0; i < rowCount; i++) {
        const v = data[i]!;
        // NaN fails both comparisons' negation: `!(v >= min)` is true for NaN.
        if (!(v >= min && v <= max)) return i;
      }
      return -1;
    },
    values: (rowCount) => (rowCount === capacity ? data : data.slice(0, rowCount)),
  };
}

function categoricalDecoder(spec: ColumnSpec, capacity: number): ColumnDecoder {
  // Map each allowed text to the schema's own string, so a million cells share a handful of strings.
  const lookup = new Map<string, string>((spec.categories ?? []).map((c) => [c, c]));
  const data = new Array<string | null>(capacity);
  return {
    spec,
    set(row, text) {
      data[row] = lookup.get(text) ?? null;
    },
    firstInvalidRow(rowCount) {
      for (let i = 0; i < rowCount; i++) if (data[i] === null) return i;
      return -1;
    },
    // Safe once validated: no null is left among the first rowCount cells.
    values: (rowCount) => (rowCount === capacity ? data : data.slice(0, rowCount)) as string[],
  };
}

function categoricalSetDecoder(spec: ColumnSpec, capacity: number): ColumnDecoder {
  const allowed = new Set(spec.categories ?? []);
  const cache = new Map<string, string | null>();
  const data = new Array<string | null>(capacity);
  const canonical = (text: string): string | null =>
    // split + join builds a fresh string: a slice of the file's text could keep the whole text alive.
    findSetProblem(text, allowed) === undefined
      ? text.split(LANGUAGE_LIST_SEPARATOR).join(LANGUAGE_LIST_SEPARATOR)
      : null;
  return {
    spec,
    set(row, text) {
      let value = cache.get(text);
      if (value === undefined) {
        value = canonical(text);
        if (cache.size < SET_CACHE_LIMIT) cache.set(text, value);
      }
      data[row] = value;
    },
    firstInvalidRow(rowCount) {
      for (let i = 0; i < rowCount; i++) if (data[i] === null) return i;
      return -1;
    },
    values: (rowCount) => (rowCount === capacity ? data : data.slice(0, rowCount)) as string[],
  };
}

/** Creates the decoder for `spec`, with room for `capacity` rows. */
export function createColumnDecoder(spec: ColumnSpec, capacity: number): ColumnDecoder {
  switch (spec.kind) {
    case ColumnKind.Integer:
    case ColumnKind.Number:
    case ColumnKind.Binary:
      return numericDecoder(spec, capacity);
    case ColumnKind.Categorical:
      return categoricalDecoder(spec, capacity);
    case ColumnKind.CategoricalSet:
      return categoricalSetDecoder(spec, capacity);
  }
}
