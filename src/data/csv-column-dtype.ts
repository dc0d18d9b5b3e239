/**
 * What a column of CSV cell texts holds, decided as `pandas.read_csv` decides
 * it with its defaults (C engine, pandas 2.3): the dtype and the values. Tools
 * such as Evidently are run on `pd.read_csv(file)`, so reading a foreign CSV
 * the way pandas does is what makes their numbers comparable with ours; the
 * rules below are pinned to pandas by `test/reference/drift/foreign_tables.py`.
 *
 * - Missing: a cell equal to one of pandas' NA markers (exactly, case and
 *   spaces included: `""`, `NA`, `NaN`, `nan`, `NULL`, `null`, `None`, `N/A`,
 *   `n/a`, `#N/A`, …). A cell of spaces is text, not missing.
 * - `int64`: every present cell an integer literal (`7`, ` +3 `, `007`), no
 *   missing cell. With a missing cell the column is `float64`, as in pandas.
 * - `float64`: every present cell an integer or decimal literal (`1.`, `.5`,
 *   `1e3`, `1.0`), or `inf` / `infinity` with a sign and any case; a column
 *   with no value at all is also `float64` (all NaN).
 * - `bool`: every present cell `True`, `TRUE`, `true`, `False`, `FALSE` or
 *   `false`, none missing; with a missing cell pandas keeps the booleans in an
 *   `object` column.
 * - `object` otherwise: the raw texts (untrimmed).
 *
 * One difference is known: pandas' default float parser (`xstrtod`) is not
 * correctly rounded for literals with more than about 15 significant digits,
 * while `Number()` is, so such a cell can differ in its last bit.
 */

/** The dtype pandas gives a column read from CSV. */
export type CsvDtype = 'int64' | 'float64' | 'bool' | 'object';

/** One cell's value: a number, a boolean, the text, or null when missing. */
export type CsvValue = number | boolean | string | null;

/** A column of a CSV file as pandas would hold it. */
export interface TypedCsvColumn {
  readonly dtype: CsvDtype;
  /** One value per row; null where the cell is a missing-value marker. */
  readonly values: readonly CsvValue[];
  /** How many cells are missing. */
  readonly missing: number;
  /**
   * First row (0-based) holding an integer beyond ±(2⁵³ − 1), which a JS number cannot hold
   * exactly (pandas keeps it as int64 or uint64); -1 when there is none.
   */
  readonly unsafeIntegerRow: number;
}

/** pandas' default missing-value markers (`pandas._libs.parsers.STR_NA_VALUES`, pandas 2.3). */
export const PANDAS_NA_VALUES: ReadonlySet<string> = new Set([
  '',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'None',
  'n/a',
  'nan',
  'null',
]);

const TRUE_VALUES: ReadonlySet<string> = new Set(['True', 'TRUE', 'true']);
const FALSE_VALUES: ReadonlySet<string> = new Set(['False', 'FALSE', 'false']);

// C's isspace: what pandas' number parsers skip around a number.
const INTEGER = /^[ \t\n\v\f\r]*[+-]?\d+[ \t\n\v\f\r]*$/;
const DECIMAL = /^[ \t\n\v\f\r]*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[ \t\n\v\f\r]*$/;
// pandas matches infinities exactly, without surrounding spaces.
const INFINITY = /^([+-]?)inf(?:inity)?$/i;

/** A float cell's value, or undefined when the text is not one pandas reads as a float. */
function floatValue(text: string): number | undefined {
  if (DECIMAL.test(text)) {
    const value = Number(text);
    // pandas refuses a literal that overflows (1e400) rather than reading it as inf.
    return Number.isFinite(value) ? value : undefined;
  }
  const infinity = INFINITY.exec(text);
  if (infinity) return infinity[1] === '-' ? -Infinity : Infinity;
  return undefined;
}

/** True when `text` is a cell that pandas reads as missing. */
export function isPandasMissing(text: string): boolean {
  return PANDAS_NA_VALUES.has(text);
}

/**
 * Types one column of cell texts as `pandas.read_csv` would (see the module
 * comment for the rules) and converts its values.
 *
 * @param cells - the column's cell texts, one per row, as the CSV tokenizer returns them
 */
export function typeCsvColumn(cells: readonly string[]): TypedCsvColumn {
  let missing = 0;
  let integers = true;
  let floats = true;
  let booleans = true;
  for (const cell of cells) {
    if (PANDAS_NA_VALUES.has(cell)) {
      missing++;
      continue;
    }
    if (booleans && !TRUE_VALUES.has(cell) && !FALSE_VALUES.has(cell)) booleans = false;
    if (floats && !INTEGER.test(cell)) {
      integers = false;
      if (floatValue(cell) === undefined) floats = false;
    }
    if (!floats && !booleans) break;
  }
  const present = cells.length - missing;
  let dtype: CsvDtype;
  if (present === 0) dtype = 'float64';
  else if (floats) dtype = integers && missing === 0 ? 'int64' : 'float64';
  else if (booleans) dtype = missing === 0 ? 'bool' : 'object';
  else dtype = 'object';

  const values = new Array<CsvValue>(cells.length);
  let unsafeIntegerRow = -1;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (PANDAS_NA_VALUES.has(cell)) {
      values[i] = null;
    } else if (present > 0 && floats) {
      const value = floatValue(cell)!;
      if (unsafeIntegerRow === -1 && INTEGER.test(cell) && !Number.isSafeInteger(value)) unsafeIntegerRow = i;
      values[i] = dtype === 'int64' ? value + 0 : value; // int64 has no -0
    } else if (booleans) {
      values[i] = TRUE_VALUES.has(cell);
    } else {
      values[i] = cell;
    }
  }
  return { dtype, values, missing, unsafeIntegerRow };
}

/**
 * The first row whose cell is neither missing nor a number as pandas reads
 * numbers, or -1: the cell that keeps a column from being numeric.
 */
export function firstNonNumericRow(cells: readonly string[]): number {
  return cells.findIndex((cell) => !PANDAS_NA_VALUES.has(cell) && floatValue(cell) === undefined);
}
