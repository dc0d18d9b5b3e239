/**
 * Running sums of one stream of observations: count, sum and sum of squares.
 * Everything the sequential test needs of an arm fits in these three numbers,
 * so an experiment's state stays a few dozen numbers however long it runs
 * (the workflow keeps it in memory and carries it across continue-as-new).
 */

/** Count, sum and sum of squares of a stream of observations. */
export interface RunningSums {
  readonly n: number;
  readonly sum: number;
  readonly sumSquares: number;
}

/** No observations yet. */
export const EMPTY_SUMS: RunningSums = { n: 0, sum: 0, sumSquares: 0 };

/** The sums of observations `values`. */
export function sumsOf(values: Iterable<number>): RunningSums {
  let n = 0;
  let sum = 0;
  let sumSquares = 0;
  for (const value of values) {
    n++;
    sum += value;
    sumSquares += value * value;
  }
  return { n, sum, sumSquares };
}

/** The sums of both streams together. */
export function mergeSums(a: RunningSums, b: RunningSums): RunningSums {
  return { n: a.n + b.n, sum: a.sum + b.sum, sumSquares: a.sumSquares + b.sumSquares };
}

/** The mean, or NaN without observations. */
export function sumsMean(s: RunningSums): number {
  return s.n === 0 ? NaN : s.sum / s.n;
}

/**
 * The sample variance (n − 1 in the denominator), or NaN below two
 * observations. Computed from the sums as (Σx² − (Σx)²/n)/(n − 1), clamped at
 * 0: the cancellation this formula suffers matters only for data whose mean is
 * huge next to its spread, which log losses and 0/1 outcomes are not.
 */
export function sumsVariance(s: RunningSums): number {
  if (s.n < 2) return NaN;
  return Math.max(0, (s.sumSquares - (s.sum * s.sum) / s.n) / (s.n - 1));
}
