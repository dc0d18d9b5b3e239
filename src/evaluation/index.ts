/**
 * Model evaluation policy: which metrics are better high or low, the
 * promotion policy and the decision whether a candidate may replace
 * production. Pure domain code: no Temporal, no I/O.
 */
export { judgePromotion, type PromotionVerdict } from './judge-promotion';
export { PromotionPolicyError } from './errors';
export {
  improvement,
  isHigherBetter,
  METRIC_DIRECTIONS,
  MetricDirection,
  metricDirection,
} from './metric-direction';
export { isMetricName, METRIC_NAMES, metricUpperBound, metricValue, type MetricName } from './metric-name';
export {
  COMPARISON_EPSILON,
  floorCheck,
  guardrailCheck,
  improvementCheck,
  type PromotionCheck,
  type PromotionCheckKind,
} from './promotion-checks';
export {
  DEFAULT_PROMOTION_POLICY,
  parsePromotionPolicy,
  promotionPolicySchema,
  type PromotionPolicy,
} from './promotion-policy';
