/**
 * Seeded train / validation / test splits of row indices.
 *
 * Prefer {@link stratifiedSplitIndices}: with about a third of the rows positive,
 * a plain random split can leave a small test set with a noticeably different
 * positive rate, which moves ROC AUC and threshold metrics between runs for no
 * reason. Stratifying keeps each part's positive rate within one row of the
 * whole file's.
 */
import { shuffledIndices } from './random';

/** Options of {@link splitIndices} and {@link stratifiedSplitIndices}. */
export interface SplitOptions {
  /** Seed of the shuffle; the same seed and input always give the same split. */
  readonly seed: number;
  /** Share of rows for validation, in [0, 1). */
  readonly validationFraction: number;
  /** Share of rows for test, in [0, 1). The two fractions must sum to less than 1. */
  readonly testFraction: number;
}

/** Disjoint row indices that together cover 0..n-1, each part sorted ascending. */
export interface SplitIndices {
  readonly train: Int32Array;
  readonly validation: Int32Array;
  readonly test: Int32Array;
}

function checkOptions(options: SplitOptions): void {
  const { validationFraction: v, testFraction: t, seed } = options;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!(v >= 0 && v < 1)) throw new RangeError(`validationFraction must be in [0, 1), got ${v}`);
  if (!(t >= 0 && t < 1)) throw new RangeError(`testFraction must be in [0, 1), got ${t}`);
  if (!(v + t < 1)) throw new RangeError(`validationFraction + testFraction must be below 1, got ${v + t}`);
}

/** Part sizes: test and validation rounded to the nearest row (halves up), train gets the rest. */
function partSizes(n: number, options: SplitOptions): { test: number; validation: number } {
  const test = Math.round(n * options.testFraction);
  const validation = Math.min(n - test, Math.round(n * options.validationFraction));
  return { test, validation };
}

/**
 * Cuts `order` (a permutation of some row indices) into test | validation | train.
 * Each part is sorted so that gathering its rows walks memory forward; the
 * trainer shuffles batches itself.
 */
function cut(order: Int32Array, sizes: { test: number; validation: number }): SplitIndices {
  const test = order.slice(0, sizes.test).sort();
  const validation = order.slice(sizes.test, sizes.test + sizes.validation).sort();
  const train = order.slice(sizes.test + sizes.validation).sort();
  return { train, validation, test };
}

/**
 * Splits rows 0..rowCount-1 at random (seeded).
 *
 * @throws RangeError for a negative or fractional rowCount, a non-integer seed
 *   or fractions outside [0, 1) or summing to 1 or more
 */
export function splitIndices(rowCount: number, options: SplitOptions): SplitIndices {
  if (!Number.isInteger(rowCount) || rowCount < 0) {
    throw new RangeError(`rowCount must be a non-negative integer, got ${rowCount}`);
  }
  checkOptions(options);
  return cut(shuffledIndices(rowCount, options.seed), partSizes(rowCount, options));
}

/** Maps positions of a class's shuffled member list back to row indices. */
function shuffledMembers(members: Int32Array, seed: number): Int32Array {
  const order = shuffledIndices(members.length, seed);
  for (let i = 0; i < order.length; i++) order[i] = members[order[i]!]!;
  return order;
}

/**
 * Splits rows stratified by a 0/1 label: positives and negatives are split
 * separately, so each part keeps the overall positive rate (to within a row).
 * Part sizes are those of {@link splitIndices} for the same row count (unless a
 * class is too small to fill its share): the positives' share of test and
 * validation is rounded, the negatives fill the rest. This is the split the
 * pipeline uses.
 *
 * @param labels - one 0/1 label per row
 * @throws RangeError for a label other than 0 or 1, or bad options (see {@link splitIndices})
 */
export function stratifiedSplitIndices(labels: ArrayLike<number>, options: SplitOptions): SplitIndices {
  checkOptions(options);
  const n = labels.length;
  let positiveCount = 0;
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    if (label !== 0 && label !== 1) throw new RangeError(`labels[${i}] must be 0 or 1, got ${label}`);
    positiveCount += label;
  }
  const positives = new Int32Array(positiveCount);
  const negatives = new Int32Array(n - positiveCount);
  for (let i = 0, p = 0, q = 0; i < n; i++) {
    if (labels[i] === 1) positives[p++] = i;
    else negatives[q++] = i;
  }

  const total = partSizes(n, options);
  const positiveSizes = {
    test: Math.min(total.test, Math.round(positiveCount * options.testFraction)),
    validation: Math.min(total.validation, Math.round(positiveCount * options.validationFraction)),
  };
  const negativeTest = Math.min(negatives.length, total.test - positiveSizes.test);
  const negativeSizes = {
    test: negativeTest,
    validation: Math.min(negatives.length - negativeTest, total.validation - positiveSizes.validation),
  };
  // Different seeds per class, so the two shuffles are not the same permutation prefix.
  const pos = cut(shuffledMembers(positives, options.seed), positiveSizes);
  const neg = cut(shuffledMembers(negatives, (options.seed ^ 0x9e3779b9) | 0), negativeSizes);
  const merge = (a: Int32Array, b: Int32Array): Int32Array => {
    const out = new Int32Array(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out.sort();
  };
  return {
    train: merge(pos.train, neg.train),
    validation: merge(pos.validation, neg.validation),
    test: merge(pos.test, neg.test),
  };
}
