import { loadDriftReference, expectClose } from '../../test/reference/drift/drift-reference';
import { erf, erfc, normalCdf } from './normal-distribution';

// Expected numbers: scipy.special.ndtr (= scipy.stats.norm.cdf), versions in the fixture.
const { special } = loadDriftReference();

describe('normalCdf', () => {
  it('matches scipy ndtr to 1e-13 relative from -40 to 40', () => {
    for (const [z, expected] of special.ndtr) expectClose(normalCdf(z), expected, `ndtr(${z})`, 1e-13);
  });

  it('is one half at 0, symmetric, and rounds to exactly 1 far in the upper tail as scipy does', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.3) + normalCdf(-1.3)).toBeCloseTo(1, 15);
    expect(normalCdf(9)).toBe(1);
    expect(1 - normalCdf(9)).toBe(0);
    expect(normalCdf(-37)).toBeGreaterThan(0); // ~5.7e-300: the lower tail keeps relative precision
    expect(normalCdf(-40)).toBe(0); // below the smallest double, as in scipy
  });

  it('returns NaN for NaN', () => {
    expect(normalCdf(NaN)).toBeNaN();
  });
});

describe('erf and erfc', () => {
  it('are odd / complementary: erf(-x) = -erf(x), erfc(-x) = 2 - erfc(x)', () => {
    expect(erf(-0.7)).toBe(-erf(0.7));
    expect(erfc(-0.7)).toBeCloseTo(2 - erfc(0.7), 15);
    expect(erf(0.7) + erfc(0.7)).toBeCloseTo(1, 15);
  });

  it('give 0/1 at 0 and NaN for NaN', () => {
    expect(erf(0)).toBe(0);
    expect(erfc(0)).toBe(1);
    expect(erf(NaN)).toBeNaN();
    expect(erfc(NaN)).toBeNaN();
  });
});
