/**
 * The minimum a dataset must hold to be trained and evaluated on: checked when
 * it is snapshotted — before anything is stored — and again when training reads
 * the snapshot.
 *
 * The rule: every part a run uses has at least {@link MIN_DISTINCT_ROWS_PER_CLASS}
 * DISTINCT rows of each class. Why 10: ROC AUC, the primary metric, moves in
 * steps of 1 / (positives × negatives); with 10 of each a single swapped pair
 * moves it by at most 0.01, half the +0.02 the default promotion rule asks a
 * candidate to gain, so the comparison can at least resolve that step. Fewer,
 * and one row decides a promotion. (It is a floor against nonsense, not a
 * guarantee of a good estimate: with 10 + 10 rows ROC AUC is still ±0.1.)
 * Distinct, because copies of a row add no information: 2 rows repeated 500
 * times is 2 rows.
 */
import type { DatasetContent } from './dataset-content';
import { DatasetProblem, DatasetValidationError } from './errors';
import { LABEL_COLUMN } from './schema';
import type { SplitPart } from './split';

/** Distinct rows of each class that each required part must hold. */
export const MIN_DISTINCT_ROWS_PER_CLASS = 10;

/** What a run uses: parts of the split, or `all` rows (an evaluation of every row). */
export type RequiredPart = SplitPart | 'all';

/** What training uses: a model is fitted on train, stopped on validation, compared on test. */
export const TRAINING_PARTS: readonly RequiredPart[] = ['train', 'validation', 'test'];

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** `70/15/15%`: the expected shares of train, validation and test. */
function shares({ options }: DatasetContent): string {
  const { validationFraction: v, testFraction: t } = options;
  return `${[1 - v - t, v, t].map((f) => Math.round(f * 100)).join('/')}%`;
}

function partName(part: RequiredPart): string {
  return part === 'all' ? 'the file' : `the ${part} part`;
}

/**
 * Refuses a dataset when a required part has fewer than `min` distinct rows of a
 * class, naming the part, the class, the count found and the minimum, with the
 * file's own counts (and its duplicate share when rows repeat).
 *
 * @param file - the file name for the message, as the user gave it
 * @throws DatasetValidationError TOO_FEW_ROWS (column `match_success`, no line)
 */
export function assertEnoughRows(
  content: DatasetContent,
  file: string,
  parts: readonly RequiredPart[],
  min: number = MIN_DISTINCT_ROWS_PER_CLASS,
): void {
  for (const part of parts) {
    const { distinct } = content.parts[part];
    for (const [label, found] of [
      [1, distinct.positive],
      [0, distinct.negative],
    ] as const) {
      if (found >= min) continue;
      const all = content.parts.all.distinct;
      const { rows, duplicateRows, duplicateShare } = content.duplicates;
      const needs =
        part === 'all'
          ? `the file needs at least ${min} of each class`
          : `each of ${parts.filter((p) => p !== 'all').join(', ')} needs at least ${min} distinct rows of each class`;
      const repeats =
        duplicateRows > 0
          ? `; ${duplicateRows} of its ${rows} rows (${percent(duplicateShare)}) repeat another row`
          : '';
      throw new DatasetValidationError({
        file,
        column: LABEL_COLUMN,
        problem: DatasetProblem.TooFewRows,
        detail:
          `too few rows: ${partName(part)} has ${found} distinct rows with ${LABEL_COLUMN} ${label}, and ${needs}. ` +
          `The file has ${rows} rows, ${all.positive} distinct with label 1 and ${all.negative} with label 0${repeats}. ` +
          `Rows go to train, validation and test by a hash of their content (about ${shares(content)}), so copies of a row stay together`,
      });
    }
  }
}
