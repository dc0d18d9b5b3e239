import { mixtureConfidenceHalfWidth } from './msprt';
import { sumsOf } from './running-sums';
import {
  INITIAL_TEST_STATE,
  lookSequentialTest,
  meanDifference,
  pairedMeanDifference,
  proportionDifference,
  testVerdict,
} from './sequential-test';

const zeroOne = (n: number, successes: number) => ({ n, sum: successes, sumSquares: successes });
const settings = { alpha: 0.05, tau2: 0.05 ** 2 };

describe('effect estimates from running sums', () => {
  it('takes the success-rate difference with smoothed plug-in variances', () => {
    const effect = proportionDifference(zeroOne(200, 80), zeroOne(800, 240), 100)!;
    expect(effect.estimate).toBeCloseTo(0.4 - 0.3, 12);
    const pc = 80.5 / 201;
    const pp = 240.5 / 801;
    expect(effect.variance).toBeCloseTo((pc * (1 - pc)) / 200 + (pp * (1 - pp)) / 800, 15);
  });

  it('waits for the burn-in in both arms', () => {
    expect(proportionDifference(zeroOne(99, 40), zeroOne(900, 300), 100)).toBeUndefined();
    expect(meanDifference(sumsOf([1, 2]), sumsOf([1, 2, 3]), 3)).toBeUndefined();
  });

  it('keeps a positive variance when an arm has no success yet', () => {
    expect(proportionDifference(zeroOne(100, 0), zeroOne(100, 0), 100)!.variance).toBeGreaterThan(0);
  });

  it('takes Welch’s variance for a continuous metric and s²/n for pairs', () => {
    const a = [0.5, 0.7, 0.2, 0.9];
    const b = [0.4, 0.1, 0.3];
    const effect = meanDifference(sumsOf(a), sumsOf(b), 2)!;
    expect(effect.estimate).toBeCloseTo(0.575 - 0.8 / 3, 12);
    // sample variances by hand: a → 0.0891667, b → 0.0233333
    expect(effect.variance).toBeCloseTo(0.0891666667 / 4 + 0.0233333333 / 3, 9);
    const paired = pairedMeanDifference(sumsOf([0.1, -0.2, 0.3]), 2)!;
    expect(paired.estimate).toBeCloseTo(0.2 / 3, 12);
    expect(paired.variance).toBeCloseTo(0.0633333333 / 3, 9);
    expect(pairedMeanDifference(sumsOf([0.2, 0.2, 0.2]), 2)).toBeUndefined();
  });
});

describe('a look', () => {
  it('leaves the state alone during the burn-in', () => {
    expect(lookSequentialTest(INITIAL_TEST_STATE, undefined, settings)).toBe(INITIAL_TEST_STATE);
  });

  it('keeps the running minimum p-value and the running intersection of intervals', () => {
    const first = lookSequentialTest(INITIAL_TEST_STATE, { estimate: 0.02, variance: 0.0004 }, settings);
    const half1 = mixtureConfidenceHalfWidth(0.0004, settings.tau2, 0.05);
    expect(first).toMatchObject({ looks: 1, lower: 0.02 - half1, upper: 0.02 + half1, rejectedAtLook: null });
    const second = lookSequentialTest(first, { estimate: 0.0, variance: 0.0002 }, settings);
    const half2 = mixtureConfidenceHalfWidth(0.0002, settings.tau2, 0.05);
    expect(second.lower).toBeCloseTo(Math.max(0.02 - half1, -half2), 15);
    expect(second.upper).toBeCloseTo(Math.min(0.02 + half1, half2), 15);
    expect(second.pValue).toBeLessThanOrEqual(first.pValue);
  });

  it('rejects exactly when the confidence sequence leaves 0, and names the winner', () => {
    let state = INITIAL_TEST_STATE;
    for (const estimate of [0.01, 0.03, 0.05, 0.06]) {
      state = lookSequentialTest(state, { estimate, variance: 0.0001 }, settings);
      expect(state.pValue <= 0.05).toBe(state.lower! > 0 || state.upper! < 0);
    }
    expect(state.rejectedAtLook).not.toBeNull();
    expect(testVerdict(state, 0.05, true)).toBe('candidate_better');
    expect(testVerdict(state, 0.05, false)).toBe('candidate_worse');
    expect(testVerdict(INITIAL_TEST_STATE, 0.05, true)).toBe('continue');
  });
});
