/**
 * What an explanation attributes the prediction to: the dataset's 14 raw input
 * columns (schema order), not the ~50 encoded features the network sees. A
 * coordinator can act on "same language as the client"; a one-hot column
 * `client_language=spanish` or a derived `language_match` flag means nothing to
 * them, and the encoded features of one raw column are not independent players.
 */
import { FEATURE_COLUMNS } from '../data/schema';
import { inputColumnsOf } from '../features/feature-source';
import type { PreprocessorState } from '../features/preprocessor-state';
import { ExplainInputError } from './errors';

/** The explained columns, in schema order (the label excluded). */
export const EXPLAINED_COLUMNS: readonly string[] = FEATURE_COLUMNS.map((c) => c.name);

/**
 * Coalitions are bit masks over {@link EXPLAINED_COLUMNS}: bit j set means
 * column j takes the explained row's value. 14 columns fit easily in a 32-bit int.
 */
export const ALL_COLUMNS_MASK = (1 << EXPLAINED_COLUMNS.length) - 1;

/**
 * For each encoded feature of `state` (in matrix order), the indices into
 * {@link EXPLAINED_COLUMNS} of the raw columns it is computed from: one for a
 * scaled, binary, one-hot or multi-hot feature, two for a derived pair feature
 * such as `language_match` (client_language × lawyer_languages).
 *
 * @throws ExplainInputError when a feature reads a column outside the explained ones
 */
export function featureSources(state: PreprocessorState): number[][] {
  const index = (column: string): number => {
    const j = EXPLAINED_COLUMNS.indexOf(column);
    if (j < 0) throw new ExplainInputError(column, 'the preprocessor reads a column that is not explained');
    return j;
  };
  const sources: number[][] = [];
  for (const s of state.scaled) sources.push(inputColumnsOf(s.name).map(index));
  for (const flag of state.flags) sources.push(inputColumnsOf(flag).map(index));
  for (const v of [...state.oneHot, ...state.multiHot]) {
    for (let k = 0; k < v.vocabulary.length; k++) sources.push([index(v.column)]);
  }
  return sources;
}

/** The columns whose bits are set in `mask`, as indices into {@link EXPLAINED_COLUMNS}, ascending. */
export function columnsOfMask(mask: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < EXPLAINED_COLUMNS.length; j++) if (mask & (1 << j)) out.push(j);
  return out;
}
