import { z } from 'zod';
import { PromotionPolicyError } from './errors';
import { METRIC_NAMES, metricUpperBound, type MetricName } from './metric-name';

/**
 * When a candidate model may replace production: a rule in the spirit of
 * TFX's Evaluator "blessing" (value thresholds plus change thresholds against
 * the baseline model). Every number is absolute, in the metric's own units.
 */
export interface PromotionPolicy {
  /**
   * The metric the candidate must improve on production.
   * @default 'rocAuc'
   */
  readonly primaryMetric: MetricName;
  /**
   * Least improvement of `primaryMetric` over production, absolute and in the
   * metric's direction: 0.02 means +0.02 ROC AUC (two points), or −0.02 log
   * loss. An improvement exactly equal to it passes. 0 means "not worse".
   * @default 0.02 (the seed project's "+2%" rule, read as two points)
   */
  readonly minImprovement: number;
  /**
   * Absolute bounds every candidate must meet, with or without a production
   * model: value ≥ floor for higher-is-better metrics, value ≤ floor for log loss.
   * @default { rocAuc: 0.7 }
   */
  readonly floors: Partial<Record<MetricName, number>>;
  /**
   * Largest allowed regression against production per metric, absolute:
   * `recall: 0.02` fails a candidate whose recall is more than 0.02 below
   * production's; `logLoss: 0.02` one whose log loss is more than 0.02 above.
   * @default { recall: 0.02, logLoss: 0.02 }
   */
  readonly guardrails: Partial<Record<MetricName, number>>;
}

/** The policy used when none is configured; see {@link PromotionPolicy} for each default. */
export const DEFAULT_PROMOTION_POLICY: PromotionPolicy = Object.freeze({
  primaryMetric: 'rocAuc',
  minImprovement: 0.02,
  floors: Object.freeze({ rocAuc: 0.7 }),
  guardrails: Object.freeze({ recall: 0.02, logLoss: 0.02 }),
});

/** A number within [0, upper], with a message that states the range. */
function boundedNumber(upper: number): z.ZodNumber {
  const error = Number.isFinite(upper)
    ? `must be a number between 0 and ${upper}`
    : 'must be a non-negative number';
  return z.number({ error }).min(0, { error }).max(upper, { error });
}

/** One optional bound per metric; unknown metric names are rejected, not ignored. */
function perMetric() {
  const shape = Object.fromEntries(
    METRIC_NAMES.map((name) => [name, boundedNumber(metricUpperBound(name)).optional()]),
  ) as Record<MetricName, z.ZodOptional<z.ZodNumber>>;
  return z.strictObject(shape);
}

/**
 * zod schema of a {@link PromotionPolicy}. Missing top-level fields take their
 * defaults; a given `floors` or `guardrails` object replaces the default one
 * entirely (so `floors: {}` really means "no floors"). Unknown fields and
 * metric names are errors: a typo must not silently disable a check.
 */
export const promotionPolicySchema = z.strictObject({
  primaryMetric: z
    .enum(METRIC_NAMES, { error: `must be one of ${METRIC_NAMES.join(', ')}` })
    .default(DEFAULT_PROMOTION_POLICY.primaryMetric),
  // Capped at 1: no metric can improve by more than its whole range (log loss
  // could, but demanding that would block every promotion).
  minImprovement: boundedNumber(1).default(DEFAULT_PROMOTION_POLICY.minImprovement),
  floors: perMetric().default(() => ({ ...DEFAULT_PROMOTION_POLICY.floors })),
  guardrails: perMetric().default(() => ({ ...DEFAULT_PROMOTION_POLICY.guardrails })),
});

/** Turns one zod issue into "promotionPolicy.<path> <problem>". */
function describeIssue(issue: z.core.$ZodIssue): string {
  const field = ['promotionPolicy', ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') {
    const known =
      issue.path.length === 0 ? 'primaryMetric, minImprovement, floors, guardrails' : METRIC_NAMES.join(', ');
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    return `${field} has unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${keys} (expected one of ${known})`;
  }
  if (issue.code === 'invalid_type' && issue.expected === 'object') return `${field} must be an object`;
  return `${field} ${issue.message}`;
}

/**
 * Validates a promotion policy from configuration or a workflow input,
 * filling in defaults for missing fields (`undefined` or `{}` gives
 * {@link DEFAULT_PROMOTION_POLICY}).
 *
 * @param input - a full or partial policy, of unknown shape
 * @throws {@link PromotionPolicyError} naming every bad field, e.g.
 *   `promotionPolicy.floors.rocAuc must be a number between 0 and 1`
 */
export function parsePromotionPolicy(input: unknown): PromotionPolicy {
  const result = promotionPolicySchema.safeParse(input ?? {});
  if (!result.success) throw new PromotionPolicyError(result.error.issues.map(describeIssue));
  return result.data;
}
