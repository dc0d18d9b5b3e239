/**
 * scikit-learn's `StratifiedShuffleSplit(n_splits, test_size, random_state)`
 * for binary labels, index for index: NannyML's calibration decision
 * (`needs_calibration`) is taken on 10 such splits with `random_state=42`, so
 * the same folds are needed to reach the same decision. Pinned to
 * scikit-learn 1.9 by the CBPE reference fixture.
 */
import { NumpyRandomState } from './numpy-random-state';

/** One train/test split: row indices, in scikit-learn's (shuffled) order. */
export interface IndexSplit {
  readonly train: number[];
  readonly test: number[];
}

/** Options of {@link stratifiedShuffleSplit}. */
export interface StratifiedShuffleSplitOptions {
  /** @default 10 */
  readonly splits?: number;
  /** Fraction of rows in each test set, in (0, 1). @default 0.1 */
  readonly testSize?: number;
  /** @default 42 (NannyML's) */
  readonly seed?: number;
}

/**
 * scikit-learn's `_approximate_mode`: how many of `draws` each class gets,
 * proportionally, with the leftover draws given to the largest remainders and
 * ties among them broken by the random state.
 */
export function approximateMode(
  classCounts: readonly number[],
  draws: number,
  rng: NumpyRandomState,
): number[] {
  const total = classCounts.reduce((s, c) => s + c, 0);
  const continuous = classCounts.map((c) => (c / total) * draws);
  const floored = continuous.map((c) => Math.floor(c));
  let needToAdd = Math.trunc(draws - floored.reduce((s, c) => s + c, 0));
  if (needToAdd > 0) {
    const remainder = continuous.map((c, i) => c - floored[i]!);
    const values = [...new Set(remainder)].sort((a, b) => b - a);
    for (const value of values) {
      const candidates = remainder.flatMap((r, i) => (r === value ? [i] : []));
      const addNow = Math.min(candidates.length, needToAdd);
      for (const i of rng.choiceWithoutReplacement(candidates, addNow)) floored[i]!++;
      needToAdd -= addNow;
      if (needToAdd === 0) break;
    }
  }
  return floored;
}

/**
 * The splits scikit-learn's `StratifiedShuffleSplit` yields for `labels`.
 *
 * @throws RangeError when a class has fewer than 2 rows, or the train or test
 *   set would hold fewer rows than there are classes (scikit-learn's ValueErrors)
 */
export function stratifiedShuffleSplit(
  labels: ArrayLike<number>,
  options: StratifiedShuffleSplitOptions = {},
): IndexSplit[] {
  const { splits = 10, testSize = 0.1, seed = 42 } = options;
  const n = labels.length;
  // scikit-learn's _validate_shuffle_split: the test size is rounded up, the rest trains.
  const nTest = Math.ceil(testSize * n);
  const nTrain = n - nTest;
  const classes = [...new Set(Array.from(labels))].sort((a, b) => a - b);
  // np.argsort(y_indices, kind="stable") split by class: each class's rows in row order.
  const classIndices = classes.map((c) => {
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (labels[i] === c) rows.push(i);
    return rows;
  });
  const classCounts = classIndices.map((rows) => rows.length);
  if (classCounts.some((c) => c < 2)) {
    throw new RangeError('the least populated class has only 1 row; stratified splits need at least 2');
  }
  if (nTrain < classes.length || nTest < classes.length) {
    throw new RangeError(
      `train (${nTrain}) and test (${nTest}) rows must each be at least the number of classes (${classes.length})`,
    );
  }
  const rng = new NumpyRandomState(seed);
  const out: IndexSplit[] = [];
  for (let s = 0; s < splits; s++) {
    const trainCounts = approximateMode(classCounts, nTrain, rng);
    const remaining = classCounts.map((c, i) => c - trainCounts[i]!);
    const testCounts = approximateMode(remaining, nTest, rng);
    const train: number[] = [];
    const test: number[] = [];
    classIndices.forEach((rows, i) => {
      const shuffled = rng.permutation(rows.length).map((k) => rows[k]!);
      train.push(...shuffled.slice(0, trainCounts[i]));
      test.push(...shuffled.slice(trainCounts[i], trainCounts[i]! + testCounts[i]!));
    });
    out.push({ train: rng.permutation(train), test: rng.permutation(test) });
  }
  return out;
}
