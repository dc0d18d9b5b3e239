import { clamp01, durbinMatrixCdf, ldexp, pelzGoodCdf, pomeranzCdf } from './kolmogorov-cdf';

// The three CDF algorithms are checked against scipy through kolmogorovSf
// (kolmogorov-distribution.test.ts); here they are checked against each other and
// against closed forms, outside the regions where kolmogorovSf picks them.
describe('durbinMatrixCdf and pomeranzCdf', () => {
  it('agree with each other: both are exact', () => {
    for (const [n, x] of [
      [10, 0.15],
      [10, 0.3],
      [50, 0.1],
      [100, 0.05],
      [140, 0.12],
    ] as const) {
      expect(pomeranzCdf(n, x)).toBeCloseTo(durbinMatrixCdf(n, x), 12);
    }
  });

  it('give the closed form n!/n^n (2nx - 1)^n for 1/(2n) <= x <= 1/n', () => {
    // n = 3, x = 0.25: 3!/27 * (0.5)^3
    const expected = (6 / 27) * 0.5 ** 3;
    expect(durbinMatrixCdf(3, 0.25)).toBeCloseTo(expected, 14);
    expect(pomeranzCdf(3, 0.25)).toBeCloseTo(expected, 14);
  });

  it('are 0 at or below 1/(2n) and 1 at x >= 1 (Durbin)', () => {
    expect(durbinMatrixCdf(10, 0.05)).toBe(0);
    expect(durbinMatrixCdf(10, 1)).toBe(1);
  });
});

describe('pelzGoodCdf', () => {
  it('approximates the exact CDF for large n', () => {
    expect(pelzGoodCdf(1000, 0.03)).toBeCloseTo(durbinMatrixCdf(1000, 0.03), 6);
  });

  it('is 0 for tiny x, 0 at x <= 0 and 1 at x >= 1', () => {
    expect(pelzGoodCdf(1000, 0.001)).toBe(0);
    expect(pelzGoodCdf(1000, 0)).toBe(0);
    expect(pelzGoodCdf(1000, 1)).toBe(1);
  });
});

describe('helpers', () => {
  it('ldexp multiplies by powers of two beyond the exponent range of one factor', () => {
    expect(ldexp(1, 3)).toBe(8);
    expect(ldexp(2 ** 600, -1200)).toBe(2 ** -600);
    expect(ldexp(2 ** -600, 1200)).toBe(2 ** 600);
  });

  it('clamp01 clips to [0, 1]', () => {
    expect([-0.1, 0.5, 1.2].map(clamp01)).toEqual([0, 0.5, 1]);
  });
});
