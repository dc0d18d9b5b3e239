import {
  improvement,
  isHigherBetter,
  METRIC_DIRECTIONS,
  MetricDirection,
  metricDirection,
} from './metric-direction';
import { METRIC_NAMES } from './metric-name';

describe('metric directions', () => {
  it('treat every metric as higher-is-better except log loss', () => {
    const lower = METRIC_NAMES.filter((name) => !isHigherBetter(name));
    expect(lower).toEqual(['logLoss']);
    expect(metricDirection('rocAuc')).toBe(MetricDirection.HigherIsBetter);
    expect(metricDirection('logLoss')).toBe(MetricDirection.LowerIsBetter);
  });

  it('cover exactly the metric names', () => {
    expect(Object.keys(METRIC_DIRECTIONS).sort()).toEqual([...METRIC_NAMES].sort());
  });

  it('are frozen so no caller can flip one', () => {
    expect(Object.isFrozen(METRIC_DIRECTIONS)).toBe(true);
  });
});

describe('improvement', () => {
  it('is candidate minus baseline for a higher-is-better metric', () => {
    expect(improvement('rocAuc', 0.85, 0.8)).toBeCloseTo(0.05, 15);
    expect(improvement('recall', 0.7, 0.8)).toBeCloseTo(-0.1, 15);
  });

  it('is baseline minus candidate for log loss, so a lower loss is a positive improvement', () => {
    expect(improvement('logLoss', 0.3, 0.35)).toBeCloseTo(0.05, 15);
    expect(improvement('logLoss', 0.4, 0.35)).toBeCloseTo(-0.05, 15);
  });
});
