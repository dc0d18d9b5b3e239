import { loadCbpeReference } from '../../../test/reference/monitoring/cbpe-reference';
import { NumpyRandomState } from './numpy-random-state';
import { approximateMode, stratifiedShuffleSplit } from './stratified-shuffle-split';

describe('stratifiedShuffleSplit', () => {
  it("yields scikit-learn's StratifiedShuffleSplit(10, test_size=0.1, random_state=42) folds", () => {
    for (const { name, labels, folds } of loadCbpeReference().blocks.splits) {
      const ours = stratifiedShuffleSplit(labels);
      expect(ours).toHaveLength(folds.length);
      ours.forEach((split, k) => {
        expect({ name, k, test: split.test }).toEqual({ name, k, test: folds[k]!.test });
        if (folds[k]!.train)
          expect({ name, k, train: split.train }).toEqual({ name, k, train: folds[k]!.train });
      });
    }
  });

  it("breaks remainder ties like scikit-learn's _approximate_mode docstring examples", () => {
    expect(approximateMode([4, 2], 3, new NumpyRandomState(0))).toEqual([2, 1]);
    expect(approximateMode([5, 2], 4, new NumpyRandomState(0))).toEqual([3, 1]);
    expect(approximateMode([2, 2, 2, 1], 2, new NumpyRandomState(0))).toEqual([0, 1, 1, 0]);
    expect(approximateMode([2, 2, 2, 1], 2, new NumpyRandomState(42))).toEqual([1, 1, 0, 0]);
  });

  it('refuses a class with a single row', () => {
    expect(() => stratifiedShuffleSplit([0, 0, 0, 1])).toThrow(/only 1 row/);
  });
});
