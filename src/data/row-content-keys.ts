/**
 * A 64-bit key per row that depends only on the row's content: the xxh64 hash
 * of its feature values under a seed, with the lowest bit replaced by its label.
 * Rows with the same features get keys that differ at most in that bit, so the
 * content split (`split.ts`) — which reads only the upper bits — puts them in
 * the same part whatever their label; identical rows get identical keys, so
 * sorting the keys counts duplicates (`dataset-content.ts`).
 *
 * Why xxh64 (the `xxhash-wasm` package): a split needs uniform, seeded, stable
 * buckets, not collision resistance, and xxh64 is a published algorithm — the
 * split can be reproduced outside this code (Python's `xxhash.xxh64_intdigest(
 * text, seed)` on the text built by {@link rowFeatureText}). Node's crypto
 * hashes cost several times more per row (measured: 2–3× for md5 on 1M rows).
 * Collisions between different rows (about n²/2⁶⁴) only mean two rows share a
 * part, or one duplicate too many is counted — once in ~10⁷ million-row files.
 */
import type { ColumnTable } from 'arquero';
import xxhash, { type XXHashAPI } from 'xxhash-wasm';
import { ColumnKind, FEATURE_COLUMNS, LABEL_COLUMN, LANGUAGE_LIST_SEPARATOR } from './schema';

/** Separates the values in {@link rowFeatureText}: the ASCII unit separator, which no valid cell contains. */
export const FIELD_SEPARATOR = '\u001f';

let api: Promise<XXHashAPI> | undefined;
/** xxhash-wasm compiles its WebAssembly once, asynchronously; every caller shares that instance. */
const hasher = (): Promise<XXHashAPI> => (api ??= xxhash());

/** A language list as a set: sorted, each language once (`spanish|english|english` → `english|spanish`). */
function canonicalSet(value: string): string {
  return [...new Set(value.split(LANGUAGE_LIST_SEPARATOR))].sort().join(LANGUAGE_LIST_SEPARATOR);
}

/**
 * The canonical text of a row's features: every feature column in schema order,
 * numbers as JavaScript's shortest round-trip text (`4.50` and `4.5` are the
 * same rating), categories as they are, the language list as a set, joined by
 * {@link FIELD_SEPARATOR}. Two rows have the same text exactly when the model
 * sees the same input for them.
 *
 * @param columns - the feature columns' values (as `table.array(name)` returns them), in `FEATURE_COLUMNS` order
 */
export function rowFeatureText(columns: readonly ArrayLike<unknown>[], row: number): string {
  let text = '';
  FEATURE_COLUMNS.forEach((spec, j) => {
    const value = columns[j]![row];
    const cell = spec.kind === ColumnKind.CategoricalSet ? canonicalSet(String(value)) : String(value);
    text = j === 0 ? cell : `${text}${FIELD_SEPARATOR}${cell}`;
  });
  return text;
}

/**
 * One key per row of `table` (a table as the loader returns it): xxh64 of
 * {@link rowFeatureText} with `seed`, lowest bit set to the row's 0/1 label.
 *
 * @param seed - a non-negative integer below 2⁶⁴ (the split's seed)
 * @throws RangeError for a label other than 0 or 1, or a bad seed
 */
export async function rowContentKeys(table: ColumnTable, seed: number): Promise<BigUint64Array> {
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  const xxh = await hasher();
  const columns = FEATURE_COLUMNS.map((spec) => table.array(spec.name) as ArrayLike<unknown>);
  const labels = table.array(LABEL_COLUMN) as ArrayLike<unknown>;
  const bigSeed = BigInt(seed);
  const keys = new BigUint64Array(table.numRows());
  for (let row = 0; row < keys.length; row++) {
    const label = labels[row];
    if (label !== 0 && label !== 1)
      throw new RangeError(`row ${row}: the label must be 0 or 1, got ${String(label)}`);
    keys[row] = (xxh.h64(rowFeatureText(columns, row), bigSeed) & ~1n) | BigInt(label);
  }
  return keys;
}
