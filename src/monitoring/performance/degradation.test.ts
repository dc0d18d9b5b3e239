import { computeClassificationMetrics } from '../../metrics';
import { checkDegradation, DEFAULT_DEGRADATION_RULE, degradationRuleSchema } from './degradation';
import { realizedPerformance } from './realized-performance';

// A baseline with ROC AUC 0.88: 5 positives and 5 negatives whose scores mis-order 3 of the 25 pairs.
const baseline = computeClassificationMetrics(
  [1, 1, 1, 1, 1, 0, 0, 0, 0, 0],
  [0.9, 0.8, 0.7, 0.6, 0.35, 0.65, 0.4, 0.3, 0.2, 0.1],
);

function periodWithAuc(pairsWrong: number, copies: number) {
  // 5 positives, 5 negatives; the lowest positive ranks below `pairsWrong` of the negatives (AUC 1 − pairsWrong/25).
  const negatives = [0.5, 0.4, 0.3, 0.2, 0.1];
  const low = pairsWrong === 0 ? 0.55 : negatives[pairsWrong - 1]! - 0.05;
  const labels = Array.from({ length: copies }, () => [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]).flat();
  const scores = Array.from({ length: copies }, () => [0.9, 0.8, 0.7, 0.6, low, ...negatives]).flat();
  return realizedPerformance(labels, scores, 0);
}

describe('checkDegradation', () => {
  it('fires when the primary metric is more than 5 % below its value at promotion', () => {
    expect(baseline.rocAuc).toBeCloseTo(0.88, 12);
    const worse = periodWithAuc(5, 30); // AUC 0.8: 9.1 % below 0.88
    const verdict = checkDegradation(baseline, worse.metrics, worse.count);
    expect(verdict).toMatchObject({ status: 'degraded', metric: 'rocAuc', count: 300 });
    if (verdict.status !== 'degraded') throw new Error('unreachable');
    expect(verdict.realized).toBeCloseTo(0.8, 12);
    expect(verdict.relativeDrop).toBeCloseTo(0.08 / 0.88, 12);
    const within = periodWithAuc(3, 30); // AUC 0.88 − 0: no drop; 4 wrong: 0.84, 4.5 % below
    expect(checkDegradation(baseline, periodWithAuc(4, 30).metrics, 300).status).toBe('ok');
    expect(checkDegradation(baseline, within.metrics, 300).status).toBe('ok');
  });

  it('stays quiet for a drop within 5 %, and for an improvement', () => {
    const same = periodWithAuc(1, 30); // AUC 0.96, better than at promotion
    expect(checkDegradation(baseline, same.metrics, same.count).status).toBe('ok');
    const rule = { ...DEFAULT_DEGRADATION_RULE, maxRelativeDrop: 0.01 };
    const exact = realizedPerformance(
      [1, 1, 1, 1, 1, 0, 0, 0, 0, 0],
      [0.9, 0.8, 0.7, 0.6, 0.35, 0.65, 0.4, 0.3, 0.2, 0.1],
      0,
    );
    expect(checkDegradation(baseline, exact.metrics, 1000, rule)).toMatchObject({
      status: 'ok',
      relativeDrop: 0,
    });
  });

  it('gives no verdict on too few outcomes, one class, or a version without a baseline', () => {
    const few = periodWithAuc(5, 2);
    expect(checkDegradation(baseline, few.metrics, few.count)).toMatchObject({
      status: 'insufficient_data',
      count: 20,
    });
    const oneClass = realizedPerformance(new Array<number>(300).fill(1), new Array<number>(300).fill(0.7), 0);
    expect(checkDegradation(baseline, oneClass.metrics, oneClass.count)).toMatchObject({
      status: 'insufficient_data',
      reason: 'rocAuc is undefined: the outcomes hold one class only',
    });
    expect(checkDegradation(undefined, oneClass.metrics, 300).status).toBe('no_baseline');
  });

  it('treats a rise in log loss as the drop', () => {
    const rule = { metric: 'logLoss' as const, maxRelativeDrop: 0.05, minSamples: 1 };
    const worse = realizedPerformance([1, 0], [0.4, 0.6], 0);
    const verdict = checkDegradation(baseline, worse.metrics, 2, rule);
    expect(verdict.status).toBe('degraded');
  });

  it('parses a configured rule, with defaults and clear errors', () => {
    expect(degradationRuleSchema.parse({})).toEqual(DEFAULT_DEGRADATION_RULE);
    expect(degradationRuleSchema.parse({ metric: 'accuracy', maxRelativeDrop: 0.1 })).toMatchObject({
      metric: 'accuracy',
    });
    expect(() => degradationRuleSchema.parse({ maxRelativeDrop: 5 })).toThrow(/maxRelativeDrop/);
    expect(() => degradationRuleSchema.parse({ metric: 'auc' })).toThrow(/metric/);
  });
});
