import {
  expandNumeric,
  expectClose,
  expectPValueClose,
  loadDriftReference,
} from '../../test/reference/drift/drift-reference';
import { KS_MAX_EXACT_SIZE, ksTwoSample, ksTwoSampleSorted, roundHalfEven } from './ks-two-sample';

// Expected numbers: scipy.stats.ks_2samp with its defaults (method='auto'), versions in the fixture.
const { ks } = loadDriftReference();

describe('ksTwoSample', () => {
  it.each(ks.map((c) => [c.name, c] as const))('matches scipy ks_2samp on %s', (_name, c) => {
    const result = ksTwoSample(expandNumeric(c.reference), expandNumeric(c.current));
    expect(result.method).toBe(c.method);
    expectClose(result.statistic, c.statistic, 'statistic');
    expectPValueClose(result.pValue, c.pValue, 'p-value');
  });

  it('uses the exact p-value up to 10 000 rows per side and the asymptotic one above', () => {
    const small = Array.from({ length: KS_MAX_EXACT_SIZE }, (_, i) => i);
    const large = Array.from({ length: KS_MAX_EXACT_SIZE + 1 }, (_, i) => i + 0.5);
    expect(ksTwoSample(small, [1, 2, 3]).method).toBe('exact');
    expect(ksTwoSample(large, [1, 2, 3]).method).toBe('asymp');
  });

  it('is symmetric in its arguments for the two-sided test', () => {
    const a = [0.1, 0.4, 0.4, 0.9, 1.3, 2.2];
    const b = [0.5, 0.6, 1.1, 1.2, 3.4];
    expect(ksTwoSample(a, b)).toEqual(ksTwoSample(b, a));
  });

  it('gives D = 0 and p = 1 for identical samples, ties included', () => {
    expect(ksTwoSample([1, 1, 2, 3], [3, 2, 1, 1])).toEqual({ statistic: 0, pValue: 1, method: 'exact' });
  });

  it('evaluates both ECDFs after all tied values (D is 0.5 here, not 1)', () => {
    // At 1: F1 = 1/2, F2 = 1; at 2: both 1. A left-continuous ECDF would see D = 1.
    expect(ksTwoSample([1, 2], [1, 1]).statistic).toBe(0.5);
  });

  it('drops NaN and infinities before testing, as Evidently does', () => {
    expect(ksTwoSample([1, NaN, 2, Infinity], [1, 2, -Infinity])).toEqual(ksTwoSample([1, 2], [1, 2]));
  });

  it('does not modify its input', () => {
    const input = Float64Array.of(3, 1, 2);
    ksTwoSample(input, [1]);
    expect(Array.from(input)).toEqual([3, 1, 2]);
  });

  it('rejects an empty sample, as scipy does', () => {
    expect(() => ksTwoSample([], [1])).toThrow(RangeError);
    expect(() => ksTwoSampleSorted(Float64Array.of(1), new Float64Array(0))).toThrow('non-empty');
  });
});

describe('roundHalfEven', () => {
  it('rounds halves to the even neighbour, like numpy np.round', () => {
    expect([0.5, 1.5, 2.5, 3.5, 5000.5, -2.5, -3.5].map(roundHalfEven)).toEqual([0, 2, 2, 4, 5000, -2, -4]);
    expect([2.4, 2.6, 7].map(roundHalfEven)).toEqual([2, 3, 7]);
  });
});
