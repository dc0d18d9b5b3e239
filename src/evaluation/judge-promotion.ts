import type { ClassificationMetrics } from '../metrics';
import { decimalsToDistinguish, formatDelta, formatMetric } from './format-metric';
import { isHigherBetter } from './metric-direction';
import { METRIC_NAMES, metricValue, type MetricName } from './metric-name';
import {
  COMPARISON_EPSILON,
  floorCheck,
  guardrailCheck,
  improvementCheck,
  type PromotionCheck,
} from './promotion-checks';
import { DEFAULT_PROMOTION_POLICY, type PromotionPolicy } from './promotion-policy';

/** The promotion rule's verdict on a candidate. Plain JSON, stored with the evaluation. */
export interface PromotionVerdict {
  /** True when every check passed; a human may still have to approve. */
  readonly qualifies: boolean;
  /** One sentence naming what decided it, e.g. `Candidate fails floor: rocAuc 0.640 < 0.700.` */
  readonly reason: string;
  /** Every check made: floors first, then the improvement, then guardrails. */
  readonly checks: PromotionCheck[];
}

/**
 * Applies a promotion policy: should `candidate` replace `production`?
 *
 * - Floors are checked always. With no production model they alone decide,
 *   and no improvement or guardrail check is made.
 * - With a production model, the candidate must also improve
 *   `policy.primaryMetric` by at least `policy.minImprovement` and regress no
 *   guarded metric by more than its tolerance.
 * - Boundaries pass: an improvement exactly equal to `minImprovement`, a value
 *   exactly on its floor, a regression exactly equal to its tolerance. Every
 *   comparison allows {@link COMPARISON_EPSILON} (1e-9) so float noise in
 *   "0.821 − 0.801" does not decide a tie.
 * - A metric that is `null` (undefined, e.g. AUC with one class) fails any
 *   check on it.
 *
 * Both metric sets must come from the same rows for the comparison to mean
 * anything. Pure and deterministic: safe to call from anywhere.
 *
 * @param candidate - the new model's metrics
 * @param production - the current production model's metrics on the same rows, or `null` if there is none
 * @param policy - the rule; defaults to {@link DEFAULT_PROMOTION_POLICY}
 */
export function judgePromotion(
  candidate: ClassificationMetrics,
  production: ClassificationMetrics | null,
  policy: PromotionPolicy = DEFAULT_PROMOTION_POLICY,
): PromotionVerdict {
  const floors = policyEntries(policy.floors).map(([metric, floor]) =>
    floorCheck(metric, metricValue(candidate, metric), floor),
  );
  if (production === null) return verdictWithoutProduction(floors);

  const primary = policy.primaryMetric;
  const candidatePrimary = metricValue(candidate, primary);
  const productionPrimary = metricValue(production, primary);
  const gain = improvementCheck(primary, candidatePrimary, productionPrimary, policy.minImprovement);
  const guardrails = policyEntries(policy.guardrails).map(([metric, tolerance]) =>
    guardrailCheck(metric, metricValue(candidate, metric), metricValue(production, metric), tolerance),
  );
  const checks = [...floors, gain, ...guardrails];
  // Report the most fundamental failure: a floor, then the improvement, then a guardrail.
  const failed = checks.filter((check) => !check.passed);
  const first = failed[0];
  if (first !== undefined) {
    return { qualifies: false, reason: failureReason(first, failed.length - 1), checks };
  }
  return { qualifies: true, reason: qualifiesReason(policy, candidatePrimary, productionPrimary), checks };
}

/** "Candidate qualifies: rocAuc 0.842 beats production 0.801 by +0.041 (needs +0.020); …" */
function qualifiesReason(
  policy: PromotionPolicy,
  candidate: number | null,
  production: number | null,
): string {
  const metric = policy.primaryMetric;
  const needed = isHigherBetter(metric) ? policy.minImprovement : -policy.minImprovement;
  // Both are numbers here (a null fails the improvement check); the guard only satisfies the compiler.
  const delta = candidate !== null && production !== null ? formatDelta(candidate - production) : 'n/a';
  const decimals =
    candidate !== null && production !== null
      ? decimalsToDistinguish(candidate, production, COMPARISON_EPSILON)
      : 3;
  return (
    `Candidate qualifies: ${metric} ${formatMetric(candidate, decimals)} beats production ` +
    `${formatMetric(production, decimals)} by ${delta} (needs ${formatDelta(needed)}); floors and guardrails hold.`
  );
}

function verdictWithoutProduction(floors: PromotionCheck[]): PromotionVerdict {
  const failed = floors.filter((check) => !check.passed);
  const first = failed[0];
  if (first !== undefined) {
    return { qualifies: false, reason: failureReason(first, failed.length - 1), checks: floors };
  }
  const reason =
    floors.length === 0
      ? 'No production model yet and no floors set: candidate qualifies.'
      : `No production model yet: candidate meets every floor (${floors.map((check) => check.detail).join(', ')}).`;
  return { qualifies: true, reason, checks: floors };
}

const FAILURE_PREFIX: Record<PromotionCheck['kind'], string> = {
  floor: 'Candidate fails floor',
  improvement: 'Candidate not better',
  guardrail: 'Guardrail broken',
};

function failureReason(check: PromotionCheck, othersFailed: number): string {
  const more =
    othersFailed === 0
      ? ''
      : `; ${othersFailed} other ${othersFailed === 1 ? 'check' : 'checks'} also failed`;
  return `${FAILURE_PREFIX[check.kind]}: ${check.detail}${more}.`;
}

/** The policy's per-metric numbers in {@link METRIC_NAMES} order, so checks come out in a stable order. */
function policyEntries(bounds: Partial<Record<MetricName, number>>): Array<[MetricName, number]> {
  const entries: Array<[MetricName, number]> = [];
  for (const metric of METRIC_NAMES) {
    const value = bounds[metric];
    if (value !== undefined) entries.push([metric, value]);
  }
  return entries;
}
