import { improvement, isHigherBetter } from './metric-direction';
import type { MetricName } from './metric-name';
import { decimalsToDistinguish, formatDelta, formatMetric } from './format-metric';

/**
 * Slack for float comparisons in every check. Metrics are ratios of counts
 * and differences of such ratios, so a difference that "should" be exactly
 * 0.02 can come out as 0.019999999999999962; 1e-9 is far below any meaningful
 * metric change (a billionth of a point) and far above float noise.
 */
export const COMPARISON_EPSILON = 1e-9;

/** What a check compares. */
export type PromotionCheckKind = 'floor' | 'improvement' | 'guardrail';

/** One rule of the policy applied to the candidate, with its outcome. */
export interface PromotionCheck {
  /** `floor`: absolute bound; `improvement`: primary metric vs production; `guardrail`: max regression. */
  readonly kind: PromotionCheckKind;
  /** The metric checked. */
  readonly metric: MetricName;
  /** Candidate's value, `null` when undefined (which fails the check). */
  readonly candidate: number | null;
  /** Production's value, for `improvement` and `guardrail` checks; `null` when undefined. */
  readonly production?: number | null;
  /** The policy's number: the floor, the minimum improvement or the regression tolerance. */
  readonly threshold: number;
  /** Whether the candidate passed. */
  readonly passed: boolean;
  /** What was compared, e.g. `rocAuc 0.640 < 0.700`. */
  readonly detail: string;
}

/** Candidate value within `floor` (≥ for higher-is-better, ≤ for lower-is-better). */
export function floorCheck(metric: MetricName, candidate: number | null, floor: number): PromotionCheck {
  const higher = isHigherBetter(metric);
  const bound = higher ? '≥' : '≤';
  if (candidate === null) {
    const detail = `${metric} is undefined (needs ${bound} ${formatMetric(floor)})`;
    return { kind: 'floor', metric, candidate, threshold: floor, passed: false, detail };
  }
  const passed = higher ? candidate >= floor - COMPARISON_EPSILON : candidate <= floor + COMPARISON_EPSILON;
  const decimals = decimalsToDistinguish(candidate, floor, COMPARISON_EPSILON);
  const relation = passed ? bound : higher ? '<' : '>';
  const detail = `${metric} ${formatMetric(candidate, decimals)} ${relation} ${formatMetric(floor, decimals)}`;
  return { kind: 'floor', metric, candidate, threshold: floor, passed, detail };
}

/** Candidate better than production by at least `minImprovement` (equality passes). */
export function improvementCheck(
  metric: MetricName,
  candidate: number | null,
  production: number | null,
  minImprovement: number,
): PromotionCheck {
  const base = { kind: 'improvement', metric, candidate, production, threshold: minImprovement } as const;
  // The needed change, signed in the metric's units: +0.020 for AUC, -0.020 for log loss.
  const needed = isHigherBetter(metric) ? minImprovement : -minImprovement;
  if (candidate === null || production === null) {
    return {
      ...base,
      passed: false,
      detail: `${metric} is undefined for ${whoIsUndefined(candidate, production)}`,
    };
  }
  const passed = improvement(metric, candidate, production) >= minImprovement - COMPARISON_EPSILON;
  const decimals = decimalsToDistinguish(candidate, production, COMPARISON_EPSILON);
  const detail =
    `${metric} ${formatMetric(candidate, decimals)} vs production ${formatMetric(production, decimals)} ` +
    `(${formatDelta(candidate - production)}, needs ${formatDelta(needed)})`;
  return { ...base, passed, detail };
}

/** Candidate no worse than production by more than `tolerance`. */
export function guardrailCheck(
  metric: MetricName,
  candidate: number | null,
  production: number | null,
  tolerance: number,
): PromotionCheck {
  const base = { kind: 'guardrail', metric, candidate, production, threshold: tolerance } as const;
  if (candidate === null || production === null) {
    return {
      ...base,
      passed: false,
      detail: `${metric} is undefined for ${whoIsUndefined(candidate, production)}`,
    };
  }
  const regression = -improvement(metric, candidate, production);
  const passed = regression <= tolerance + COMPARISON_EPSILON;
  const worse = isHigherBetter(metric) ? 'dropped' : 'rose';
  const detail =
    regression > 0
      ? `${metric} ${worse} ${formatMetric(regression, decimalsToDistinguish(regression, tolerance, COMPARISON_EPSILON))} (tolerance ${formatMetric(tolerance)})`
      : `${metric} did not ${worse === 'dropped' ? 'drop' : 'rise'} (${formatDelta(candidate - production)} vs production, tolerance ${formatMetric(tolerance)})`;
  return { ...base, passed, detail };
}

function whoIsUndefined(candidate: number | null, production: number | null): string {
  if (candidate === null && production === null) return 'both candidate and production';
  return candidate === null ? 'the candidate' : 'production';
}
