import { loadDriftReference, expectClose } from '../../test/reference/drift/drift-reference';
import { smirnovSf, splitProduct } from './smirnov-distribution';

// Expected numbers: scipy.special.smirnov, versions in the fixture.
const { special } = loadDriftReference();

describe('smirnovSf', () => {
  it('matches scipy special.smirnov to 1e-11 relative for n from 1 to 5000', () => {
    for (const [n, x, expected] of special.smirnovSf) {
      expectClose(smirnovSf(n, x), expected, `smirnov(${n}, ${x})`, 1e-11);
    }
  });

  it('follows the closed forms at the ends: 1 at x = 0, 0 at x = 1, 1 - x for n = 1', () => {
    expect(smirnovSf(10, 0)).toBe(1);
    expect(smirnovSf(10, 1)).toBe(0);
    expect(smirnovSf(1, 0.3)).toBeCloseTo(0.7, 15);
    // x >= 1 - 1/n: (1 - x)^n
    expect(smirnovSf(4, 0.8)).toBeCloseTo(0.2 ** 4, 15);
  });

  it('returns NaN for a non-integer or non-positive n and for x outside [0, 1]', () => {
    expect(smirnovSf(0, 0.5)).toBeNaN();
    expect(smirnovSf(2.5, 0.5)).toBeNaN();
    expect(smirnovSf(5, -0.1)).toBeNaN();
    expect(smirnovSf(5, 1.1)).toBeNaN();
    expect(smirnovSf(5, NaN)).toBeNaN();
  });
});

describe('splitProduct', () => {
  it('finds floor(n x) from the exact product, even when the rounded product crosses an integer', () => {
    // 0.1 is slightly above 1/10, so 30 x 0.1 = 3.0000000000000004 exactly-rounded, but the true product is above 3.
    expect(splitProduct(30, 0.1).floor).toBe(3);
    expect(splitProduct(30, 0.1).fraction).toBeGreaterThan(0);
    // 0.7 is slightly below 7/10: 10 x 0.7 rounds to 7 but the true product is just below.
    const { floor, fraction } = splitProduct(10, 0.7);
    expect(floor + fraction).toBeCloseTo(7, 14);
    expect(floor).toBe(6);
  });

  it('gives a zero fraction for exact products', () => {
    expect(splitProduct(8, 0.25)).toEqual({ floor: 2, fraction: 0 });
  });
});
