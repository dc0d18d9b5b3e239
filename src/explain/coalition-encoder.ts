/**
 * Builds the model input for "the explained row on some columns, a background
 * row on the others" without encoding that hybrid row from scratch.
 *
 * Every encoded feature depends on one raw column (a scaled number, a flag, a
 * one-hot or multi-hot block) or on two (a derived pair feature such as
 * `region_match`). So the explained row `x` and each background row `b` are
 * encoded ONCE with the model's own preprocessor (`transformRows`), and a
 * hybrid row is assembled by copying, feature by feature, the value from `x` or
 * from `b` according to where its raw column comes from. A pair feature whose two
 * columns come from different rows takes the value of a third encoding: `b` with
 * that one column set to `x`'s cell, also computed by `transformRows`. The result
 * is bit for bit the row `transformRows` would produce for the hybrid raw row.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { transformRows } from '../features/transform-rows';
import type { PreprocessorState } from '../features/preprocessor-state';
import { ExplainInputError } from './errors';
import { EXPLAINED_COLUMNS, featureSources } from './explained-columns';

/** A feature read from two columns, and its value for each of the four ways they can be sourced. */
interface PairFeature {
  readonly feature: number;
  readonly first: number;
  readonly second: number;
  /** Per background row: first from x, second from b. */
  readonly xb: Float32Array;
  /** Per background row: first from b, second from x. */
  readonly bx: Float32Array;
}

/** Assembles encoded hybrid rows of one explained row against a background. */
export interface CoalitionEncoder {
  /** Width of an encoded row. */
  readonly featureCount: number;
  /** Rows in the background. */
  readonly backgroundSize: number;
  /** The explained row, encoded. */
  readonly explainedRow: Float32Array;
  /** The background, encoded, row-major. */
  readonly backgroundRows: Float32Array;
  /**
   * Per background row, the mask of explained columns whose raw cell differs from
   * the explained row's. Columns outside it hold the same cell in both rows, so
   * taking them from either side gives the same hybrid row.
   */
  readonly differing: Int32Array;
  /**
   * Writes the encoded hybrid row — columns in `mask` from the explained row, the
   * rest from background row `b` — into `out` at `offset`.
   */
  writeRow(mask: number, b: number, out: Float32Array, offset: number): void;
}

/** A table of the explained columns (and nothing else) holding only row `row` of `table`. */
function singleRow(table: ColumnTable, row: number): ColumnTable {
  if (!Number.isInteger(row) || row < 0 || row >= table.numRows()) {
    throw new ExplainInputError('row', `${row} is outside the table (0..${table.numRows() - 1})`);
  }
  const columns: Record<string, unknown[]> = {};
  for (const name of EXPLAINED_COLUMNS) {
    if (!table.columnNames().includes(name))
      throw new ExplainInputError(name, 'the explained row has no such column');
    columns[name] = [table.get(name, row)];
  }
  return aq.table(columns);
}

/** `background` with column `name` set to `value` on every row. */
function withColumn(background: ColumnTable, name: string, value: unknown): ColumnTable {
  const columns: Record<string, ArrayLike<unknown>> = {};
  for (const n of EXPLAINED_COLUMNS) columns[n] = background.array(n) as ArrayLike<unknown>;
  columns[name] = new Array<unknown>(background.numRows()).fill(value);
  return aq.table(columns);
}

const everyRow = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);

/**
 * Prepares the hybrid rows of row `row` of `table` against every row of `background`.
 *
 * @throws ExplainInputError when the row is outside the table, a column is missing, the
 *   background is empty, or a feature reads more than two columns
 * @throws Error from `transformRows` when a cell cannot be encoded (naming its column)
 */
export function createCoalitionEncoder(
  state: PreprocessorState,
  table: ColumnTable,
  row: number,
  background: ColumnTable,
): CoalitionEncoder {
  const B = background.numRows();
  if (B === 0) throw new ExplainInputError('background', 'has no rows');
  for (const name of EXPLAINED_COLUMNS) {
    if (!background.columnNames().includes(name))
      throw new ExplainInputError(name, 'the background has no such column');
  }
  const x = singleRow(table, row);
  const F = state.featureNames.length;
  const explainedRow = transformRows(state, x, [0]).values;
  const backgroundRows = transformRows(state, background, everyRow(B)).values;

  const differing = new Int32Array(B);
  EXPLAINED_COLUMNS.forEach((name, j) => {
    const mine = x.get(name, 0) as unknown;
    const theirs = background.array(name) as ArrayLike<unknown>;
    for (let b = 0; b < B; b++) if (theirs[b] !== mine) differing[b]! |= 1 << j;
  });

  const sources = featureSources(state);
  const single: number[][] = EXPLAINED_COLUMNS.map(() => []);
  const pairs: PairFeature[] = [];
  const withX = new Map<number, Float32Array>();
  const encodedWithX = (j: number): Float32Array => {
    let values = withX.get(j);
    if (values === undefined) {
      const name = EXPLAINED_COLUMNS[j]!;
      values = transformRows(state, withColumn(background, name, x.get(name, 0)), everyRow(B)).values;
      withX.set(j, values);
    }
    return values;
  };
  sources.forEach((columns, feature) => {
    if (columns.length === 1) single[columns[0]!]!.push(feature);
    else if (columns.length === 2) {
      const [first, second] = columns as [number, number];
      const column = (values: Float32Array) =>
        Float32Array.from({ length: B }, (_, b) => values[b * F + feature]!);
      pairs.push({
        feature,
        first,
        second,
        xb: column(encodedWithX(first)),
        bx: column(encodedWithX(second)),
      });
    } else {
      throw new ExplainInputError(
        state.featureNames[feature] ?? String(feature),
        `reads ${columns.length} columns; coalitions can only be assembled from features of one or two columns`,
      );
    }
  });
  const singleFeatures = single.map((f) => Int32Array.from(f));

  return {
    featureCount: F,
    backgroundSize: B,
    explainedRow,
    backgroundRows,
    differing,
    writeRow(mask, b, out, offset) {
      const base = b * F;
      for (let k = 0; k < F; k++) out[offset + k] = backgroundRows[base + k]!;
      let from = mask & differing[b]!;
      while (from !== 0) {
        const j = 31 - Math.clz32(from & -from);
        from &= from - 1;
        const features = singleFeatures[j]!;
        for (let i = 0; i < features.length; i++) out[offset + features[i]!] = explainedRow[features[i]!]!;
      }
      for (const p of pairs) {
        const a = (mask >> p.first) & 1;
        const c = (mask >> p.second) & 1;
        if (a === 1 && c === 1) out[offset + p.feature] = explainedRow[p.feature]!;
        else if (a === 1) out[offset + p.feature] = p.xb[b]!;
        else if (c === 1) out[offset + p.feature] = p.bx[b]!;
      }
    },
  };
}
