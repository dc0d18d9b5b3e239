/**
 * Request layouts that carry one array per input column (v2 tensors, TF
 * Serving's columnar `inputs`): every input present once, none unknown, all of
 * the same length.
 */
import { ServingProblem, badRequest } from '../errors';
import { FEATURE_NAMES, isFeatureName, type CellSource } from './decode-columns';

/**
 * The cells of `columns` (input name → one value per row).
 *
 * @param what - how the request calls its columns in messages, e.g. `input`
 * @throws ServingError 400 for an unknown or missing input, or inputs of different lengths
 */
export function columnArraysSource(
  columns: ReadonlyMap<string, readonly unknown[]>,
  what = 'input',
): CellSource {
  for (const name of columns.keys()) {
    if (!isFeatureName(name)) {
      throw badRequest(
        ServingProblem.ExtraColumn,
        `unknown ${what} ${JSON.stringify(name)} (the inputs are ${FEATURE_NAMES.join(', ')})`,
        { input: name },
      );
    }
  }
  const missing = FEATURE_NAMES.find((name) => !columns.has(name));
  if (missing !== undefined) {
    throw badRequest(ServingProblem.MissingColumn, `${what} "${missing}" is missing`, { input: missing });
  }
  const first = FEATURE_NAMES[0]!;
  const rowCount = columns.get(first)!.length;
  for (const name of FEATURE_NAMES) {
    const length = columns.get(name)!.length;
    if (length !== rowCount) {
      throw badRequest(
        ServingProblem.BadTensor,
        `${what} "${name}" has ${length} rows but "${first}" has ${rowCount}; every input needs one value per row`,
        { input: name },
      );
    }
  }
  return { rowCount, cell: (column, row) => columns.get(column)![row] };
}
