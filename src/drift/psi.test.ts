import { countCategories } from './category-counts';
import { populationStabilityIndex, psiDrift } from './psi';

describe('populationStabilityIndex', () => {
  it('sums (r - c) ln(r / c) over bins', () => {
    const expected = (0.5 - 0.25) * Math.log(0.5 / 0.25) + (0.5 - 0.75) * Math.log(0.5 / 0.75);
    expect(populationStabilityIndex([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(expected, 15);
  });

  it('is 0 for identical shares and symmetric in its arguments', () => {
    expect(populationStabilityIndex([0.2, 0.8], [0.2, 0.8])).toBe(0);
    expect(populationStabilityIndex([0.1, 0.9], [0.3, 0.7])).toBeCloseTo(
      populationStabilityIndex([0.3, 0.7], [0.1, 0.9]),
      15,
    );
  });

  it('rejects share vectors of different lengths', () => {
    expect(() => populationStabilityIndex([1], [0.5, 0.5])).toThrow('reference has 1 bins, current has 2');
  });
});

describe('psiDrift', () => {
  it('fills empty bins with 0.0001 before the logarithm (Evidently feel_zeroes=True), so it stays finite', () => {
    const counts = countCategories(['a', 'a', 'b', 'b'], ['b', 'c']);
    // reference a 0.5, b 0.5, c 0 -> 0.0001; current a 0 -> 0.0001, b 0.5, c 0.5
    const expected = (0.5 - 0.0001) * Math.log(0.5 / 0.0001) + 0 + (0.0001 - 0.5) * Math.log(0.0001 / 0.5);
    expect(psiDrift({ type: 'categorical', counts })).toBeCloseTo(expected, 12);
  });
});
