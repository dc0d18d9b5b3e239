import {
  expectClose,
  expectPValueClose,
  loadDriftReference,
} from '../../test/reference/drift/drift-reference';
import { countCategories, type CategoryCounts } from './category-counts';
import { chiSquaredTest } from './chi-squared-test';

// Expected numbers: scipy.stats.chisquare(f_obs, f_exp), versions in the fixture.
const { distances } = loadDriftReference();

/** Counts whose expected frequencies are exactly `expected` (reference total = current total). */
function countsFor(observed: readonly number[], expected: readonly number[]): CategoryCounts {
  return {
    keys: observed.map((_, i) => `k${i}`),
    reference: Float64Array.from(expected),
    current: Float64Array.from(observed),
    referenceTotal: expected.reduce((s, x) => s + x, 0),
    currentTotal: observed.reduce((s, x) => s + x, 0),
  };
}

describe('chiSquaredTest', () => {
  it.each(distances.chisquare.map((c) => [c.name, c] as const))(
    'matches scipy chisquare on %s',
    (_name, c) => {
      const result = chiSquaredTest(countsFor(c.observed, c.expected));
      expectClose(result.statistic, c.statistic, 'chi2');
      expectPValueClose(result.pValue, c.pValue, 'p-value');
      expect(result.degreesOfFreedom).toBe(c.observed.length - 1);
    },
  );

  it('scales reference counts to the current total (Evidently k_norm = n_current / n_reference)', () => {
    // reference 2:2 (n = 4) vs current 3:1 (n = 4): expected 2, 2 -> chi2 = 0.5 + 0.5
    expect(chiSquaredTest(countsFor([3, 1], [2, 2])).statistic).toBe(1);
    // the same proportions at 10x the reference size give the same statistic
    const big = { ...countsFor([3, 1], [20, 20]), referenceTotal: 40 };
    expect(chiSquaredTest(big).statistic).toBeCloseTo(1, 14);
  });

  it('makes chi2 infinite and p = 0 for a category seen only in current', () => {
    const result = chiSquaredTest(countCategories(['a', 'b'], ['a', 'c']));
    expect(result.statistic).toBe(Infinity);
    expect(result.pValue).toBe(0);
  });

  it('returns p = 1 for a single category (scipy: NaN, which Evidently reports as no drift)', () => {
    expect(chiSquaredTest(countCategories(['a', 'a'], ['a']))).toEqual({
      statistic: 0,
      pValue: 1,
      degreesOfFreedom: 0,
    });
  });
});
