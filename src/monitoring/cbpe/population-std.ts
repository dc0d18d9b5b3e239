/** Mean and population standard deviation (numpy's `np.mean`, `np.std` with ddof 0), two-pass. */

/** Mean of the values; NaN for none. */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/** Population standard deviation (ddof 0); NaN for no values. */
export function populationStd(values: ArrayLike<number>): number {
  const m = mean(values);
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i]! - m) ** 2;
  return Math.sqrt(squares / values.length);
}

/**
 * Population standard deviation of `ones` values equal to `value` and `zeros`
 * zeros, without building the array (the observation-level vectors of
 * NannyML's sampling errors are of this form). NaN when both counts are 0.
 */
export function twoValueStd(value: number, ones: number, zeros: number): number {
  const n = ones + zeros;
  const m = (value * ones) / n;
  return Math.sqrt((ones * (value - m) ** 2 + zeros * m ** 2) / n);
}

/** numpy's `nanmean` and `nanstd` (ddof 0): NaN values are left out; NaN when all are. */
export function nanMeanStd(values: readonly number[]): { mean: number; std: number } {
  const kept = values.filter((v) => !Number.isNaN(v));
  return { mean: mean(kept), std: populationStd(kept) };
}
