/**
 * Request layouts that carry one JSON object per row (TF Serving's
 * `instances`, the rank route's client + lawyers): checked for missing and
 * unknown keys before their cells are decoded.
 */
import { ServingProblem, badRequest } from '../errors';
import { FEATURE_NAMES, isFeatureName, type CellSource } from './decode-columns';

/** Names a row for error messages, e.g. `instances[3]`. */
export type RowLocator = (row: number) => string;

/**
 * Checks that `row` has every name in `expected` and nothing else (`allowed`
 * names may be present too).
 *
 * @throws ServingError 400 MISSING_COLUMN or EXTRA_COLUMN naming the row and the key
 */
export function checkRowKeys(
  row: Readonly<Record<string, unknown>>,
  expected: readonly string[],
  where: string,
  rowIndex: number,
  allowed: ReadonlySet<string> = new Set(),
): void {
  for (const key of Object.keys(row)) {
    if (!expected.includes(key) && !allowed.has(key)) {
      throw badRequest(
        ServingProblem.ExtraColumn,
        `${where}: unknown input ${JSON.stringify(key)} (the inputs are ${expected.join(', ')})`,
        { input: key, row: rowIndex },
      );
    }
  }
  const missing = expected.find((name) => row[name] === undefined);
  if (missing !== undefined) {
    throw badRequest(ServingProblem.MissingColumn, `${where}: input "${missing}" is missing`, {
      input: missing,
      row: rowIndex,
    });
  }
}

/** The cells of `rows`, one object per row holding every input column. */
export function rowObjectsSource(
  rows: readonly Readonly<Record<string, unknown>>[],
  locateRow: RowLocator,
): CellSource {
  rows.forEach((row, i) => checkRowKeys(row, FEATURE_NAMES, locateRow(i), i));
  return { rowCount: rows.length, cell: (column, row) => rows[row]![column] };
}

/** Input columns that describe the client (the rest describe the lawyer and the pair). */
export const CLIENT_COLUMNS: readonly string[] = FEATURE_NAMES.filter((n) => n.startsWith('client_'));
/** Input columns of each lawyer in a rank request (lawyer attributes and the pair's distance). */
export const LAWYER_COLUMNS: readonly string[] = FEATURE_NAMES.filter((n) => !n.startsWith('client_'));

/**
 * The cells of a rank request: one client shared by every row, one lawyer per
 * row. A lawyer may carry an `id` (echoed back, not a model input).
 */
export function clientLawyersSource(
  client: Readonly<Record<string, unknown>>,
  lawyers: readonly Readonly<Record<string, unknown>>[],
): CellSource {
  checkRowKeys(client, CLIENT_COLUMNS, 'client', 0);
  const allowed = new Set(['id']);
  lawyers.forEach((lawyer, i) => checkRowKeys(lawyer, LAWYER_COLUMNS, `lawyers[${i}]`, i, allowed));
  return {
    rowCount: lawyers.length,
    cell: (column, row) => (column.startsWith('client_') ? client[column] : lawyers[row]![column]),
  };
}

/** Locates cells of a rank request: `client.client_age`, `lawyers[3].lawyer_rating`. */
export function rankCellLocator(column: string, row: number): string {
  return isFeatureName(column) && column.startsWith('client_')
    ? `client.${column}`
    : `lawyers[${row}].${column}`;
}
