/**
 * Turns the feature cells of a prediction request into a validated table with
 * the same column types the CSV loader produces, so a request row is encoded
 * and scored exactly as the same row of a dataset file would be.
 *
 * Validation reuses the dataset's column decoders and their wording
 * (`src/data`): a request is held to the schema a training file is held to,
 * and its errors read the same, located by the request's own terms (input and
 * row of a v2 tensor, `instances[3]` of TF Serving, `lawyers[3]` of rank).
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { describeCellProblem } from '../../data/cell-problems';
import { createColumnDecoder, type DecodedColumn } from '../../data/column-decoders';
import { ColumnKind, FEATURE_COLUMNS, type ColumnSpec } from '../../data/schema';
import { badRequest, ServingProblem } from '../errors';

/** Where a cell of a request is, in the words of the request's protocol. */
export type CellLocator = (column: string, row: number) => string;

/** Reads a request's cells, whatever its layout (row objects or column arrays). */
export interface CellSource {
  readonly rowCount: number;
  /** The raw JSON value of `column` at `row`; undefined when absent. */
  cell(column: string, row: number): unknown;
}

/** The request's feature columns, validated, as the scorer and the prediction log read them. */
export interface DecodedRows {
  readonly rowCount: number;
  /** Column name → values (Float64Array for numbers, string[] for categories), in schema order. */
  readonly columns: ReadonlyMap<string, DecodedColumn>;
  /** The same columns as an arquero table, as `transformRows` takes it. */
  readonly table: ColumnTable;
}

const isNumeric = (spec: ColumnSpec): boolean =>
  spec.kind === ColumnKind.Integer || spec.kind === ColumnKind.Number || spec.kind === ColumnKind.Binary;

function jsonTypeProblem(spec: ColumnSpec, value: unknown): { problem: ServingProblem; detail: string } {
  if (value === undefined || value === null) {
    return {
      problem: ServingProblem.BlankCell,
      detail: `expected a value, got ${value === null ? 'null' : 'nothing'}`,
    };
  }
  const got = typeof value === 'string' ? `the string ${JSON.stringify(value)}` : JSON.stringify(value);
  const wanted = isNumeric(spec)
    ? spec.kind === ColumnKind.Number
      ? 'a JSON number'
      : 'a JSON integer'
    : 'a JSON string';
  return { problem: ServingProblem.WrongType, detail: `expected ${wanted}, got ${got}` };
}

/**
 * Validates every feature cell of `source` and builds the table.
 *
 * @param locate - names a cell's place for error messages
 * @throws ServingError 400 for the first bad cell in schema column order, then row order:
 *   `input "lawyer_rating", row 3: expected a number between 1 and 5, got "6.2"`
 */
export function decodeColumns(source: CellSource, locate: CellLocator): DecodedRows {
  const n = source.rowCount;
  const columns = new Map<string, DecodedColumn>();
  for (const spec of FEATURE_COLUMNS) {
    const decoder = createColumnDecoder(spec, n);
    const numeric = isNumeric(spec);
    for (let row = 0; row < n; row++) {
      const value = source.cell(spec.name, row);
      if (numeric ? typeof value !== 'number' : typeof value !== 'string') {
        const { problem, detail } = jsonTypeProblem(spec, value);
        throw badRequest(problem, `${locate(spec.name, row)}: ${detail}`, { input: spec.name, row });
      }
      // The decoders read text; a JSON number's shortest round-trip text parses back to the same double.
      decoder.set(row, numeric ? String(value) : (value as string));
    }
    const bad = decoder.firstInvalidRow(n);
    if (bad !== -1) {
      const value = source.cell(spec.name, bad) as string | number;
      const { problem, detail } = describeCellProblem(spec, String(value));
      throw badRequest(problem, `${locate(spec.name, bad)}: ${detail}`, { input: spec.name, row: bad });
    }
    columns.set(spec.name, decoder.values(n));
  }
  return { rowCount: n, columns, table: aq.table(Object.fromEntries(columns)) };
}

/** Feature column names, in schema order. */
export const FEATURE_NAMES: readonly string[] = FEATURE_COLUMNS.map((c) => c.name);
const FEATURE_SET: ReadonlySet<string> = new Set(FEATURE_NAMES);

/** True when `name` is one of the 14 input columns. */
export function isFeatureName(name: string): boolean {
  return FEATURE_SET.has(name);
}
