import { expectAllClose, loadSklearnReference } from '../../test/reference/sklearn-reference';
import { rocCurve } from './roc-curve';

describe('rocCurve', () => {
  const { cases } = loadSklearnReference();

  it.each(cases)(
    'matches scikit-learn roc_curve(drop_intermediate=False) on "$name"',
    ({ labels, scores, expected }) => {
      const curve = rocCurve(labels, scores);
      expectAllClose(curve.fpr, expected.rocCurve.fpr, 'fpr');
      expectAllClose(curve.tpr, expected.rocCurve.tpr, 'tpr');
      expectAllClose(curve.thresholds, expected.rocCurve.thresholds, 'thresholds');
    },
  );

  it('starts at (0, 0) with an infinite threshold and ends at (1, 1)', () => {
    // By hand from sklearn's docstring example.
    expect(rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toEqual({
      fpr: [0, 0, 0.5, 0.5, 1],
      tpr: [0, 0.5, 0.5, 1, 1],
      thresholds: [Infinity, 0.8, 0.4, 0.35, 0.1],
    });
  });

  it('fills the axis of a missing class with NaN, as scikit-learn does', () => {
    const curve = rocCurve([1, 1], [0.2, 0.7]);
    expect(curve.fpr).toEqual([NaN, NaN, NaN]);
    expect(curve.tpr).toEqual([0, 0.5, 1]);
  });
});
