/**
 * The synthetic LegalAid Connect matchmaking dataset: seeded rows and their CSV
 * text. The same options always give the same rows and byte-identical CSV, so
 * the bundled dataset, test fixtures and drift scenarios are reproducible.
 */
import { drawMatchLabel } from './label-model';
import { createPopulation } from './population';
import { createRng } from './random';
import { COLUMN_NAMES, type MatchmakingRow } from './schema';

/** Options of {@link generateMatchmakingRows}. */
export interface GenerateOptions {
  /** Number of rows, a non-negative integer. */
  readonly rows: number;
  /** Seed of the random stream; any integer (used modulo 2^32). */
  readonly seed: number;
  /**
   * How far the population is shifted from the reference one, in [0, 1]: more
   * immigration and employment cases, higher incomes, more central and east
   * clients, longer distances, a slightly different language mix. The label's
   * dependence on the features does not change.
   * @default 0
   */
  readonly drift?: number;
}

/**
 * Generates `rows` proposed (client, lawyer) pairs with their outcome. See
 * `population.ts` for the feature distributions and `label-model.ts` for how
 * the label depends on them.
 *
 * @throws RangeError when `rows` is not a non-negative integer, `seed` is not an
 *   integer or `drift` is outside [0, 1]
 */
export function generateMatchmakingRows(options: GenerateOptions): MatchmakingRow[] {
  const { rows, seed, drift = 0 } = options;
  if (!Number.isInteger(rows) || rows < 0)
    throw new RangeError(`rows must be a non-negative integer, got ${rows}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!(drift >= 0 && drift <= 1)) throw new RangeError(`drift must be between 0 and 1, got ${drift}`);

  const rng = createRng(seed);
  const population = createPopulation(drift);
  const out = new Array<MatchmakingRow>(rows);
  for (let i = 0; i < rows; i++) {
    const features = population.sample(rng);
    out[i] = { ...features, match_success: drawMatchLabel(features, rng) };
  }
  return out;
}

/** Ratings keep two decimals at most and at least one: 4 → "4.0", 4.3 → "4.3", 4.25 → "4.25". */
function formatRating(value: number): string {
  const fixed = value.toFixed(2);
  return fixed.endsWith('0') ? fixed.slice(0, -1) : fixed;
}

/** Quotes a text cell only when CSV requires it (generated categories never need it). */
function formatText(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function formatCell(column: string, value: string | number): string {
  if (typeof value === 'string') return formatText(value);
  if (column === 'lawyer_rating') return formatRating(value);
  if (column === 'distance_km') return value.toFixed(1);
  return String(value);
}

/**
 * Formats rows as CSV: a header with the canonical column names (schema order),
 * one line per row, `\n` line endings and a final newline. Integers are written
 * without decimals, `lawyer_rating` with one or two decimals and `distance_km`
 * with one, so a file written here and read back with `loadDatasetCsv` holds the
 * same values.
 */
export function rowsToCsv(rows: readonly MatchmakingRow[]): string {
  const lines = new Array<string>(rows.length + 1);
  lines[0] = COLUMN_NAMES.join(',');
  const columns = COLUMN_NAMES as readonly (keyof MatchmakingRow)[];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    lines[i + 1] = columns.map((column) => formatCell(column, row[column])).join(',');
  }
  return `${lines.join('\n')}\n`;
}
