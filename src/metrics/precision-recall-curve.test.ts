import { expectAllClose, loadSklearnReference } from '../../test/reference/sklearn-reference';
import { precisionRecallCurve } from './precision-recall-curve';

describe('precisionRecallCurve', () => {
  const { cases } = loadSklearnReference();

  it.each(cases)(
    'matches scikit-learn precision_recall_curve(drop_intermediate=False) on "$name"',
    ({ labels, scores, expected }) => {
      const curve = precisionRecallCurve(labels, scores);
      expectAllClose(curve.precision, expected.precisionRecallCurve.precision, 'precision');
      expectAllClose(curve.recall, expected.precisionRecallCurve.recall, 'recall');
      expectAllClose(curve.thresholds, expected.precisionRecallCurve.thresholds, 'thresholds');
    },
  );

  it('orders points by increasing threshold and ends at recall 0, precision 1', () => {
    // From scikit-learn's precision_recall_curve docstring example.
    const curve = precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(curve.thresholds).toEqual([0.1, 0.35, 0.4, 0.8]);
    expect(curve.recall).toEqual([1, 1, 0.5, 0.5, 0]);
    expect(curve.precision).toEqual([0.5, 2 / 3, 0.5, 1, 1]);
  });

  it('sets recall to 1 everywhere when there are no positives, as scikit-learn does', () => {
    const curve = precisionRecallCurve([0, 0], [0.3, 0.6]);
    expect(curve.recall).toEqual([1, 1, 0]);
    expect(curve.precision).toEqual([0, 0, 1]);
  });
});
