import { compareCategories, countPresent, type CategoryCounts } from './category-counts';
import { normalCdf } from './normal-distribution';

/** Result of {@link zTest}. */
export interface ZTestResult {
  /** The z statistic (0 when both samples hold one and the same value). */
  readonly statistic: number;
  /** Two-sided p-value in [0, 1]. */
  readonly pValue: number;
}

/**
 * Evidently's `z_stat_test`: the two-proportion Z-test on the share of rows
 * that are not the first category (in Python's sorted order) in reference vs
 * current, with the pooled proportion in the standard error:
 *
 *   z = (p₁ − p₂) / √(P(1 − P)(1/n₁ + 1/n₂)),  P = (p₁n₁ + p₂n₂)/(n₁ + n₂),
 *   p-value = 2·(1 − Φ(|z|)).
 *
 * The arithmetic follows Evidently's `proportions_diff_z_stat_ind` and
 * `proportions_diff_z_test` operation for operation (including computing
 * 1 − Φ rather than Φ(−|z|), so tiny p-values round to 0 as there). Drift when
 * p < threshold (default 0.05). When both samples hold a single, identical
 * value Evidently returns p = 1 without testing; so does this.
 *
 * @param counts - both sides counted over the union of categories; both totals > 0
 */
export function zTest(counts: CategoryCounts): ZTestResult {
  const { keys, reference, current } = counts;
  if (countPresent(reference) === 1 && countPresent(current) === 1) {
    const r = reference.findIndex((c) => c > 0);
    const c = current.findIndex((x) => x > 0);
    if (r === c) return { statistic: 0, pValue: 1 };
  }
  let first = 0;
  for (let i = 1; i < keys.length; i++) if (compareCategories(keys[i]!, keys[first]!) < 0) first = i;
  const n1 = counts.referenceTotal;
  const n2 = counts.currentTotal;
  const p1 = (n1 - reference[first]!) / n1;
  const p2 = (n2 - current[first]!) / n2;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const pValue = 2 * (1 - normalCdf(Math.abs(z)));
  return { statistic: z, pValue: Math.min(Math.max(pValue, 0), 1) };
}
