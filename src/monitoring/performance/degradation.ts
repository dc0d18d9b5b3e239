/**
 * The degradation rule: production's realized performance, on a period's
 * predictions with outcomes, against the metrics the version had when it was
 * promoted (its `evaluation.json`). The seed's rule, "alert on accuracy drops
 * > 5 %", is applied to the promotion policy's primary metric (ROC AUC) by
 * default, as a relative drop; the metric, the drop and the minimum number of
 * outcomes are configurable. Too few outcomes, or one class only (no AUC),
 * give `insufficient_data`, never an alert.
 */
import { z } from 'zod';
import {
  DEFAULT_PROMOTION_POLICY,
  isHigherBetter,
  METRIC_NAMES,
  type MetricName,
  metricValue,
} from '../../evaluation';
import type { ClassificationMetrics } from '../../metrics';

/** What the rule watches and when it fires. */
export interface DegradationRule {
  readonly metric: MetricName;
  /** Fires when the metric is worse than at promotion by more than this fraction of it. @default 0.05 */
  readonly maxRelativeDrop: number;
  /** Fewer predictions with outcomes than this: no verdict. @default 200 */
  readonly minSamples: number;
}

/** The seed's 5 % on the primary metric, with at least 200 outcomes. */
export const DEFAULT_DEGRADATION_RULE: DegradationRule = {
  metric: DEFAULT_PROMOTION_POLICY.primaryMetric,
  maxRelativeDrop: 0.05,
  minSamples: 200,
};

/** Parses a rule from configuration (CLI, workflow input); missing fields take the defaults. */
export const degradationRuleSchema = z
  .object({
    metric: z.enum(METRIC_NAMES).default(DEFAULT_DEGRADATION_RULE.metric),
    maxRelativeDrop: z.number().gt(0).lt(1).default(DEFAULT_DEGRADATION_RULE.maxRelativeDrop),
    minSamples: z.number().int().min(1).default(DEFAULT_DEGRADATION_RULE.minSamples),
  })
  .strict();

/** The rule's verdict for a period. */
export type DegradationVerdict =
  | {
      readonly status: 'degraded' | 'ok';
      readonly metric: MetricName;
      readonly baseline: number;
      readonly realized: number;
      /** Positive when worse than at promotion. */
      readonly relativeDrop: number;
      readonly count: number;
    }
  | {
      readonly status: 'insufficient_data' | 'no_baseline';
      readonly metric: MetricName;
      readonly count: number;
      readonly reason: string;
    };

/**
 * Applies the rule.
 *
 * @param baseline - the version's metrics at promotion (undefined when it has no evaluation record)
 * @param realized - metrics on the period's predictions with outcomes (null with none)
 * @param count - how many predictions with outcomes
 */
export function checkDegradation(
  baseline: ClassificationMetrics | undefined,
  realized: ClassificationMetrics | null,
  count: number,
  rule: DegradationRule = DEFAULT_DEGRADATION_RULE,
): DegradationVerdict {
  const { metric } = rule;
  const before = baseline ? metricValue(baseline, metric) : null;
  if (before === null || before === 0) {
    return {
      status: 'no_baseline',
      metric,
      count,
      reason: `the version has no ${metric} at promotion to compare with`,
    };
  }
  if (count < rule.minSamples || !realized) {
    return {
      status: 'insufficient_data',
      metric,
      count,
      reason: `${count} predictions with outcomes, fewer than the ${rule.minSamples} the rule needs`,
    };
  }
  const now = metricValue(realized, metric);
  if (now === null) {
    return {
      status: 'insufficient_data',
      metric,
      count,
      reason: `${metric} is undefined: the outcomes hold one class only`,
    };
  }
  const relativeDrop = (isHigherBetter(metric) ? before - now : now - before) / Math.abs(before);
  return {
    status: relativeDrop > rule.maxRelativeDrop ? 'degraded' : 'ok',
    metric,
    baseline: before,
    realized: now,
    relativeDrop,
    count,
  };
}
