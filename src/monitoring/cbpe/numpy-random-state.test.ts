import { loadCbpeReference } from '../../../test/reference/monitoring/cbpe-reference';
import { NumpyRandomState } from './numpy-random-state';

describe('NumpyRandomState', () => {
  it('gives numpy RandomState(42) permutations, twice in a row, bit for bit', () => {
    for (const { n, first, second } of loadCbpeReference().blocks.permutations) {
      const rng = new NumpyRandomState(42);
      expect(rng.permutation(n)).toEqual(first);
      expect(rng.permutation(n)).toEqual(second);
    }
  });

  it('gives the first MT19937 outputs of the reference generator for seed 5489', () => {
    // Matsumoto and Nishimura's reference output for init_genrand(5489).
    const rng = new NumpyRandomState(5489);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([
      3499211612, 581869302, 3890346734,
    ]);
  });

  it('refuses seeds numpy refuses', () => {
    expect(() => new NumpyRandomState(-1)).toThrow(RangeError);
    expect(() => new NumpyRandomState(2 ** 32)).toThrow(RangeError);
    expect(() => new NumpyRandomState(1.5)).toThrow(RangeError);
  });

  it('chooses without replacement as the head of a permutation', () => {
    const a = new NumpyRandomState(3);
    const b = new NumpyRandomState(3);
    const chosen = a.choiceWithoutReplacement(['a', 'b', 'c', 'd'], 2);
    const perm = b.permutation(4);
    expect(chosen).toEqual(perm.slice(0, 2).map((i) => ['a', 'b', 'c', 'd'][i]));
    expect(() => a.choiceWithoutReplacement([1], 2)).toThrow(RangeError);
  });
});
