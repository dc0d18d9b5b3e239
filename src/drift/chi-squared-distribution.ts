import { regularizedGammaQ } from './gamma-function';

/**
 * Survival function of the chi-squared distribution, P(X > x) for X ~ χ²(df),
 * equal to scipy's `chi2.sf(x, df)` / `special.chdtrc(df, x)` = Q(df/2, x/2).
 *
 * @param x - the statistic; values ≤ 0 give 1 (as `chdtrc` does), Infinity gives 0
 * @param degreesOfFreedom - df > 0 (need not be an integer)
 * @returns the upper-tail probability, or NaN when df ≤ 0 or an argument is NaN
 */
export function chiSquaredSf(x: number, degreesOfFreedom: number): number {
  if (Number.isNaN(x) || !(degreesOfFreedom > 0)) return NaN;
  if (x <= 0) return 1;
  return regularizedGammaQ(degreesOfFreedom / 2, x / 2);
}
