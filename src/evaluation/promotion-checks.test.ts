import { COMPARISON_EPSILON, floorCheck, guardrailCheck, improvementCheck } from './promotion-checks';

describe('floorCheck', () => {
  it('passes a higher-is-better metric at or above its floor', () => {
    expect(floorCheck('rocAuc', 0.842, 0.7)).toEqual({
      kind: 'floor',
      metric: 'rocAuc',
      candidate: 0.842,
      threshold: 0.7,
      passed: true,
      detail: 'rocAuc 0.842 ≥ 0.700',
    });
    expect(floorCheck('rocAuc', 0.7, 0.7).passed).toBe(true);
  });

  it('fails below the floor and shows enough decimals to tell the numbers apart', () => {
    expect(floorCheck('rocAuc', 0.64, 0.7)).toMatchObject({ passed: false, detail: 'rocAuc 0.640 < 0.700' });
    expect(floorCheck('rocAuc', 0.6996, 0.7)).toMatchObject({
      passed: false,
      detail: 'rocAuc 0.6996 < 0.7000',
    });
  });

  it(`forgives float noise up to ${COMPARISON_EPSILON}, but no more`, () => {
    expect(floorCheck('rocAuc', 0.7 - 1e-12, 0.7).passed).toBe(true);
    expect(floorCheck('rocAuc', 0.7 - 1e-8, 0.7).passed).toBe(false);
  });

  it('bounds log loss from above', () => {
    expect(floorCheck('logLoss', 0.45, 0.5)).toMatchObject({ passed: true, detail: 'logLoss 0.450 ≤ 0.500' });
    expect(floorCheck('logLoss', 0.55, 0.5)).toMatchObject({
      passed: false,
      detail: 'logLoss 0.550 > 0.500',
    });
  });

  it('fails an undefined metric', () => {
    expect(floorCheck('prAuc', null, 0.3)).toMatchObject({
      passed: false,
      candidate: null,
      detail: 'prAuc is undefined (needs ≥ 0.300)',
    });
  });
});

describe('improvementCheck', () => {
  it('passes an improvement exactly equal to the minimum despite float rounding', () => {
    // 0.821 - 0.801 evaluates to 0.019999999999999907 in float64.
    expect(0.821 - 0.801).toBeLessThan(0.02);
    expect(improvementCheck('rocAuc', 0.821, 0.801, 0.02)).toMatchObject({
      passed: true,
      detail: 'rocAuc 0.821 vs production 0.801 (+0.020, needs +0.020)',
    });
  });

  it('fails an improvement below the minimum', () => {
    expect(improvementCheck('rocAuc', 0.812, 0.801, 0.02)).toEqual({
      kind: 'improvement',
      metric: 'rocAuc',
      candidate: 0.812,
      production: 0.801,
      threshold: 0.02,
      passed: false,
      detail: 'rocAuc 0.812 vs production 0.801 (+0.011, needs +0.020)',
    });
  });

  it('asks log loss to fall by the minimum', () => {
    expect(improvementCheck('logLoss', 0.3, 0.35, 0.02)).toMatchObject({
      passed: true,
      detail: 'logLoss 0.300 vs production 0.350 (-0.050, needs -0.020)',
    });
    expect(improvementCheck('logLoss', 0.34, 0.35, 0.02).passed).toBe(false);
  });

  it('with a zero minimum, passes a tie and fails any loss', () => {
    expect(improvementCheck('f1', 0.5, 0.5, 0).passed).toBe(true);
    expect(improvementCheck('f1', 0.499, 0.5, 0).passed).toBe(false);
  });

  it('fails when either side is undefined and says which', () => {
    expect(improvementCheck('rocAuc', null, 0.8, 0.02).detail).toBe('rocAuc is undefined for the candidate');
    expect(improvementCheck('rocAuc', 0.8, null, 0.02).detail).toBe('rocAuc is undefined for production');
    expect(improvementCheck('rocAuc', null, null, 0.02)).toMatchObject({
      passed: false,
      detail: 'rocAuc is undefined for both candidate and production',
    });
  });
});

describe('guardrailCheck', () => {
  it('fails a drop larger than the tolerance', () => {
    expect(guardrailCheck('recall', 0.7, 0.751, 0.02)).toEqual({
      kind: 'guardrail',
      metric: 'recall',
      candidate: 0.7,
      production: 0.751,
      threshold: 0.02,
      passed: false,
      detail: 'recall dropped 0.051 (tolerance 0.020)',
    });
  });

  it('passes a drop exactly equal to the tolerance', () => {
    // 0.75 - 0.73 evaluates to 0.020000000000000018 in float64.
    expect(0.75 - 0.73).toBeGreaterThan(0.02);
    expect(guardrailCheck('recall', 0.73, 0.75, 0.02)).toMatchObject({
      passed: true,
      detail: 'recall dropped 0.020 (tolerance 0.020)',
    });
  });

  it('passes an improvement and says the metric did not drop', () => {
    expect(guardrailCheck('recall', 0.76, 0.75, 0.02)).toMatchObject({
      passed: true,
      detail: 'recall did not drop (+0.010 vs production, tolerance 0.020)',
    });
  });

  it('guards log loss against rising', () => {
    expect(guardrailCheck('logLoss', 0.381, 0.35, 0.02)).toMatchObject({
      passed: false,
      detail: 'logLoss rose 0.031 (tolerance 0.020)',
    });
    expect(guardrailCheck('logLoss', 0.34, 0.35, 0.02)).toMatchObject({
      passed: true,
      detail: 'logLoss did not rise (-0.010 vs production, tolerance 0.020)',
    });
  });

  it('fails when a guarded metric is undefined', () => {
    expect(guardrailCheck('prAuc', null, 0.4, 0.05)).toMatchObject({
      passed: false,
      detail: 'prAuc is undefined for the candidate',
    });
  });
});

describe('check details', () => {
  it('print values that tie within the tolerance identically', () => {
    expect(floorCheck('rocAuc', 0.7 - 1e-12, 0.7).detail).toBe('rocAuc 0.700 ≥ 0.700');
  });
});
