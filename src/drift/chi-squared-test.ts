import type { CategoryCounts } from './category-counts';
import { chiSquaredSf } from './chi-squared-distribution';

/** Result of {@link chiSquaredTest}. */
export interface ChiSquaredTestResult {
  /** Pearson's χ²; +Infinity when a category appears only in current (its expected count is 0). */
  readonly statistic: number;
  /** Upper-tail p-value in [0, 1]. */
  readonly pValue: number;
  /** Number of categories in the union − 1. */
  readonly degreesOfFreedom: number;
}

/**
 * Evidently's `chi_stat_test`: Pearson's goodness-of-fit test of the current
 * counts against the reference proportions, over the union of categories.
 *
 * Expected counts are reference counts × (current rows / reference rows), and
 * the p-value is scipy's `chisquare(f_obs, f_exp)`: Σ (obs − exp)²/exp against
 * χ²(k − 1). Drift when p < threshold (default 0.05).
 *
 * Edge cases, as scipy computes them unless said otherwise:
 * - a category seen only in current has expected count 0, so χ² = +Infinity
 *   and p = 0 (drift);
 * - a category seen only in reference contributes its expected count;
 * - one category in total (k = 1): scipy gives p = NaN and Evidently reports
 *   "no drift" (NaN < 0.05 is false); this returns p = 1, the same verdict
 *   with a JSON-safe number.
 *
 * @param counts - both sides counted over the union of categories; both totals > 0
 */
export function chiSquaredTest(counts: CategoryCounts): ChiSquaredTestResult {
  const k = counts.keys.length;
  const scale = counts.currentTotal / counts.referenceTotal;
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    const expected = counts.reference[i]! * scale;
    const observed = counts.current[i]!;
    statistic += ((observed - expected) * (observed - expected)) / expected;
  }
  const degreesOfFreedom = k - 1;
  const pValue = degreesOfFreedom >= 1 ? chiSquaredSf(statistic, degreesOfFreedom) : 1;
  return { statistic: degreesOfFreedom >= 1 ? statistic : 0, pValue, degreesOfFreedom };
}
