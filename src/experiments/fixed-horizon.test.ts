import { fixedHorizonSampleSize, normalQuantile } from './fixed-horizon';

describe('the fixed-horizon comparator', () => {
  it('has the normal quantiles scipy gives (norm.ppf)', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 12);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.6448536269514729, 12);
  });

  it('sizes a two-proportion test as the textbook formula does', () => {
    // (1.959964 + 0.841621)² · (0.35·0.65/0.5 + 0.3·0.7/0.5) / 0.05² = 7.848861 · 0.875 / 0.0025 = 2747.1
    expect(
      fixedHorizonSampleSize({
        baseline: 0.3,
        treatment: 0.35,
        candidateShare: 0.5,
        alpha: 0.05,
        power: 0.8,
      }),
    ).toBe(2748);
  });
});
