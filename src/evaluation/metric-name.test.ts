import type { ClassificationMetrics } from '../metrics';
import { isMetricName, METRIC_NAMES, metricUpperBound, metricValue } from './metric-name';

describe('metric names', () => {
  it('are the seven summary metrics a policy can use', () => {
    expect(METRIC_NAMES).toEqual(['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'prAuc', 'logLoss']);
  });

  it('are recognised, and other strings or values are not', () => {
    expect(isMetricName('prAuc')).toBe(true);
    expect(isMetricName('auc')).toBe(false);
    expect(isMetricName('count')).toBe(false);
    expect(isMetricName(42)).toBe(false);
  });

  it('are bounded by 1, except log loss which is unbounded', () => {
    expect(metricUpperBound('f1')).toBe(1);
    expect(metricUpperBound('logLoss')).toBe(Infinity);
  });
});

describe('metricValue', () => {
  const metrics: ClassificationMetrics = {
    count: 4,
    positiveRate: 1,
    threshold: 0.5,
    accuracy: 0.75,
    precision: 1,
    recall: 0.75,
    f1: 6 / 7,
    rocAuc: null,
    prAuc: null,
    logLoss: 0.4,
    confusion: { tp: 3, fp: 0, tn: 0, fn: 1 },
  };

  it('reads a defined metric and passes an undefined one through as null', () => {
    expect(metricValue(metrics, 'recall')).toBe(0.75);
    expect(metricValue(metrics, 'rocAuc')).toBeNull();
  });
});
