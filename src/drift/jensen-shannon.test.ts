import { expectClose, loadDriftReference } from '../../test/reference/drift/drift-reference';
import { countCategories } from './category-counts';
import { jensenShannonDistance, jensenShannonDrift } from './jensen-shannon';

// Expected numbers: scipy.spatial.distance.jensenshannon (natural log), versions in the fixture.
const { distances } = loadDriftReference();

describe('jensenShannonDistance', () => {
  it.each(distances.jensenshannon.map((c) => [c.name, c] as const))('matches scipy on %s', (_name, c) => {
    expectClose(jensenShannonDistance(c.p, c.q), c.distance, 'JS distance');
  });

  it('uses the natural logarithm: disjoint distributions are sqrt(ln 2) apart', () => {
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(Math.sqrt(Math.LN2), 15);
  });

  it('normalises its inputs, so counts and shares give the same distance', () => {
    expect(jensenShannonDistance([2, 6], [5, 5])).toBeCloseTo(
      jensenShannonDistance([0.25, 0.75], [0.5, 0.5]),
      15,
    );
  });

  it('rejects vectors of different lengths', () => {
    expect(() => jensenShannonDistance([1, 2], [1])).toThrow('p has 2 entries, q has 1');
  });
});

describe('jensenShannonDrift', () => {
  it('does not fill empty bins (Evidently passes feel_zeroes=False): one-sided categories stay 0', () => {
    const counts = countCategories(['a', 'a', 'b'], ['b', 'c']);
    // shares: a 2/3, b 1/3, c 0 vs a 0, b 1/2, c 1/2
    expect(jensenShannonDrift({ type: 'categorical', counts })).toBeCloseTo(
      jensenShannonDistance([2 / 3, 1 / 3, 0], [0, 1 / 2, 1 / 2]),
      15,
    );
  });
});
