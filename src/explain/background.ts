/**
 * The background sample: the rows whose values stand in for "unknown" when a
 * column is left out of a coalition. As in shap's documentation (and its own
 * `shap.sample`), a plain random sample of the training rows keeps the cost of
 * every explanation proportional to its size; 50 rows is shap's usual choice.
 */
import { shuffledIndices } from '../data/random';

/** Rows in a background sample unless a caller asks for another size. */
export const DEFAULT_BACKGROUND_SIZE = 50;

/** Seed of the background sample unless a caller gives one: fixed, so explanations are reproducible. */
export const DEFAULT_BACKGROUND_SEED = 20260117;

/**
 * Draws `size` distinct rows out of `candidates` (all of them when there are
 * fewer), seeded: the same candidates, size and seed always give the same rows.
 *
 * @param candidates - row indices to draw from (the training rows of a snapshot)
 * @returns the chosen row indices, ascending
 * @throws RangeError when `size` is not a positive integer or there are no candidates
 */
export function sampleBackgroundRows(candidates: ArrayLike<number>, size: number, seed: number): Int32Array {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`background size must be a positive integer, got ${size}`);
  }
  if (candidates.length === 0) throw new RangeError('no rows to draw a background sample from');
  const order = shuffledIndices(candidates.length, seed);
  const chosen = new Int32Array(Math.min(size, candidates.length));
  for (let k = 0; k < chosen.length; k++) chosen[k] = candidates[order[k]!]!;
  return chosen.sort();
}
