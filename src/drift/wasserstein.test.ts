import { expectClose, loadDriftReference } from '../../test/reference/drift/drift-reference';
import {
  WASSERSTEIN_MIN_STD,
  normalizedWassersteinSorted,
  populationStd,
  wassersteinDistance,
  wassersteinDistanceSorted,
} from './wasserstein';

// Expected numbers: scipy.stats.wasserstein_distance and numpy.std, versions in the fixture.
const { distances } = loadDriftReference();

describe('wassersteinDistance', () => {
  it.each(distances.wasserstein.map((c) => [c.name, c] as const))('matches scipy on %s', (_name, c) => {
    expectClose(wassersteinDistance(c.u, c.v), c.distance, 'W1');
  });

  it('is the shift between two translated samples', () => {
    expect(wassersteinDistance([0, 1, 2], [10, 11, 12])).toBeCloseTo(10, 12);
  });

  it('is 0 for the same multiset in another order and symmetric', () => {
    expect(wassersteinDistance([3, 1, 2, 2], [2, 3, 2, 1])).toBe(0);
    expect(wassersteinDistance([0, 5], [1, 2, 3])).toBe(wassersteinDistance([1, 2, 3], [0, 5]));
  });

  it('drops NaN and infinities, and is NaN when a sample has no finite value', () => {
    expect(wassersteinDistance([0, NaN, 1], [0, 1, Infinity])).toBe(0);
    expect(wassersteinDistance([NaN], [1])).toBeNaN();
    expect(wassersteinDistanceSorted(new Float64Array(0), Float64Array.of(1))).toBeNaN();
  });
});

describe('populationStd', () => {
  it('uses ddof = 0 like np.std (Evidently passes a Series to np.std, which keeps ddof = 0)', () => {
    for (const c of distances.wasserstein) expectClose(populationStd(c.u), c.stdU, `std(${c.name})`);
    expect(populationStd([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(1.25), 15);
  });

  it('is 0 for a constant sample and NaN for an empty one', () => {
    expect(populationStd([7, 7, 7])).toBe(0);
    expect(populationStd([])).toBeNaN();
  });
});

describe('normalizedWassersteinSorted', () => {
  it('divides by the reference standard deviation', () => {
    const ref = Float64Array.of(0, 2); // std 1
    expect(normalizedWassersteinSorted(ref, Float64Array.of(3, 5))).toBeCloseTo(3, 14);
  });

  it('divides a constant reference by 0.001 instead of 0, as Evidently does', () => {
    const score = normalizedWassersteinSorted(Float64Array.of(4, 4, 4), Float64Array.of(4, 4.5));
    expect(score).toBeCloseTo(0.25 / WASSERSTEIN_MIN_STD, 9);
  });
});
