import { loadDriftReference, expectClose } from '../../test/reference/drift/drift-reference';
import { chiSquaredSf } from './chi-squared-distribution';

// Expected numbers: scipy.stats.chi2.sf (= scipy.special.chdtrc), versions in the fixture.
const { special } = loadDriftReference();

describe('chiSquaredSf', () => {
  it('matches scipy chi2.sf to 1e-12 relative for df from 0.5 to 50, including tiny tails', () => {
    for (const [x, df, expected] of special.chi2Sf)
      expectClose(chiSquaredSf(x, df), expected, `chi2.sf(${x}, ${df})`, 1e-12);
  });

  it('gives the textbook 5% critical values', () => {
    expect(chiSquaredSf(3.841458820694124, 1)).toBeCloseTo(0.05, 14);
    expect(chiSquaredSf(5.991464547107979, 2)).toBeCloseTo(0.05, 14);
  });

  it('is 1 at x <= 0 and 0 at Infinity (a category only in current makes the statistic infinite)', () => {
    expect(chiSquaredSf(0, 3)).toBe(1);
    expect(chiSquaredSf(-2, 3)).toBe(1);
    expect(chiSquaredSf(Infinity, 3)).toBe(0);
  });

  it('returns NaN for df <= 0 or NaN arguments, as scipy does', () => {
    expect(chiSquaredSf(1, 0)).toBeNaN();
    expect(chiSquaredSf(1, -1)).toBeNaN();
    expect(chiSquaredSf(NaN, 2)).toBeNaN();
  });
});
