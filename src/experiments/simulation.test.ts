/**
 * The proof of validity at CI size (BENCHMARKS.md has the full-size run):
 * 1,000 A/A experiments per canary share, the decision test checked after
 * every batch, decide wrongly at a rate within α plus Monte-Carlo error; a
 * true lift of 5 points of success rate (30 % → 35 %) is found with power
 * ≥ 0.8 and a median sample below what a fixed-horizon test of that power needs.
 */
import { fixedHorizonSampleSize } from './fixed-horizon';
import { defaultExperimentSettings } from './settings';
import { simulateExperiments, wilsonInterval } from './simulation';

const settings = defaultExperimentSettings(); // α = 0.05, τ = 0.05, burn-in 100 per arm
const BASELINE = 0.3;
const LIFT = 0.05;
/** Looks per fixed-horizon sample at 80 % power; the maximum duration is three such samples. */
const LOOKS_PER_HORIZON = 20;
const MAX_HORIZONS = 3;

function scenario(share: number) {
  const horizon = fixedHorizonSampleSize({
    baseline: BASELINE,
    treatment: BASELINE + LIFT,
    candidateShare: share,
    alpha: settings.alpha,
    power: 0.8,
  });
  return {
    batches: LOOKS_PER_HORIZON * MAX_HORIZONS,
    outcomesPerBatch: Math.round(horizon / LOOKS_PER_HORIZON),
    candidateShare: share,
    baseline: BASELINE,
    settings,
  };
}

describe('the sequential test, simulated', () => {
  it.each([0.5, 0.1])(
    'decides wrongly in at most α (+ Monte-Carlo error) of 1,000 A/A experiments checked after every batch (canary share %p)',
    (share) => {
      const result = simulateExperiments({ ...scenario(share), experiments: 1000, lift: 0, seed: 1 });
      const wrong = result.better + result.worse;
      // One-sided 99.9 % Monte-Carlo bound: α + 3.09·√(α(1 − α)/n).
      expect(wrong / result.experiments).toBeLessThanOrEqual(0.05 + 3.09 * Math.sqrt((0.05 * 0.95) / 1000));
      // Promotions are the harmful half: the candidate called better when it is not.
      expect(result.better / result.experiments).toBeLessThanOrEqual(0.05);
    },
  );

  it('finds a 5-point lift with power ≥ 0.8 and a median sample below the fixed-horizon test of the same power', () => {
    const input = { ...scenario(0.5), experiments: 400, lift: LIFT, seed: 100_000 };
    const result = simulateExperiments(input);
    const [powerLow] = wilsonInterval(result.better, result.experiments);
    expect(powerLow).toBeGreaterThanOrEqual(0.8);
    expect(result.worse).toBe(0);
    const fixed = fixedHorizonSampleSize({
      baseline: BASELINE,
      treatment: BASELINE + LIFT,
      candidateShare: 0.5,
      alpha: settings.alpha,
      power: powerLow,
    });
    expect(result.medianSample).toBeLessThan(fixed);
  });
});
