import { countCategories, countSortedValues } from './category-counts';
import { normalCdf } from './normal-distribution';
import { zTest } from './z-test';

describe('zTest', () => {
  it('computes the pooled two-proportion z and 2(1 - Phi(|z|))', () => {
    // reference: 30 of 100 are 'b'; current: 45 of 100 are 'b'
    const counts = countCategories(
      [...Array<string>(70).fill('a'), ...Array<string>(30).fill('b')],
      [...Array<string>(55).fill('a'), ...Array<string>(45).fill('b')],
    );
    const pooled = 0.375;
    const z = (0.3 - 0.45) / Math.sqrt(pooled * (1 - pooled) * (2 / 100));
    const result = zTest(counts);
    expect(result.statistic).toBeCloseTo(z, 14);
    expect(result.pValue).toBeCloseTo(2 * (1 - normalCdf(Math.abs(z))), 15);
  });

  it('returns p = 1 when both samples hold one and the same value, as Evidently does', () => {
    expect(zTest(countCategories(['x', 'x'], ['x']))).toEqual({ statistic: 0, pValue: 1 });
  });

  it('tests reference all "a" against current all "b" (p rounds to 0 via 1 - Phi, as in Evidently)', () => {
    const result = zTest(countCategories(Array<string>(60).fill('a'), Array<string>(40).fill('b')));
    expect(result.statistic).toBeLessThan(-9);
    expect(result.pValue).toBe(0);
  });

  it('splits on the first category in sorted order, whatever the order of appearance', () => {
    const counts = countCategories(['c', 'b', 'a', 'a'], ['a', 'c', 'c', 'c']);
    const reordered = countCategories(['a', 'a', 'c', 'b'], ['c', 'c', 'a', 'c']);
    expect(zTest(counts)).toEqual(zTest(reordered));
  });

  it('works on numeric value counts (0/1 columns)', () => {
    const result = zTest(countSortedValues(Float64Array.of(0, 0, 0, 1), Float64Array.of(0, 1, 1, 1)));
    expect(result.pValue).toBeGreaterThan(0);
    expect(result.pValue).toBeLessThan(1);
  });
});
