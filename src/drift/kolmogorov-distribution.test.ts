import { loadDriftReference, expectClose } from '../../test/reference/drift/drift-reference';
import { kolmogorovSf } from './kolmogorov-distribution';

// Expected numbers: scipy.stats.kstwo.sf over a grid that reaches every region of
// Simard & L'Ecuyer's algorithm (Ruben-Gambino ends, Durbin matrix, Pomeranz,
// Pelz-Good, 2 x Smirnov, and the underflow cut-off), versions in the fixture.
const { special } = loadDriftReference();

describe('kolmogorovSf', () => {
  it('matches scipy kstwo.sf to 1e-10 relative for n from 1 to 100001', () => {
    for (const [n, x, expected] of special.kstwoSf) {
      expectClose(kolmogorovSf(n, x), expected, `kstwo.sf(${x}, ${n})`, 1e-10);
    }
  });

  it('covers small and large n on both sides of every cut-off', () => {
    const ns = new Set(special.kstwoSf.map(([n]) => n));
    for (const n of [1, 140, 141, 100000, 100001]) expect(ns.has(n)).toBe(true);
  });

  it('is 1 at or below 1/(2n), 0 at or above 1, and 2(1-x)^n near 1', () => {
    expect(kolmogorovSf(10, 0.05)).toBe(1);
    expect(kolmogorovSf(10, 0)).toBe(1);
    expect(kolmogorovSf(10, 1)).toBe(0);
    expect(kolmogorovSf(10, 0.95)).toBeCloseTo(2 * 0.05 ** 10, 25);
  });

  it('is 0 when n x^2 >= 370 for large n, like scipy', () => {
    expect(kolmogorovSf(10_000, 0.2)).toBe(0);
  });

  it('returns NaN for a non-integer or non-positive n and for NaN x', () => {
    expect(kolmogorovSf(0, 0.1)).toBeNaN();
    expect(kolmogorovSf(10.5, 0.1)).toBeNaN();
    expect(kolmogorovSf(10, NaN)).toBeNaN();
  });
});
