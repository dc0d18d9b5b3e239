import { expectClose, loadSklearnReference } from '../../test/reference/sklearn-reference';
import { confusionMatrix } from './confusion-matrix';
import { precision } from './precision';

describe('precision', () => {
  const { cases, threshold } = loadSklearnReference();

  it.each(cases)('matches scikit-learn precision_score on "$name"', ({ labels, scores, expected }) => {
    expectClose(precision(confusionMatrix(labels, scores, threshold)), expected.precision, 'precision');
  });

  it('is tp / (tp + fp)', () => {
    expect(precision({ tp: 3, fp: 1, tn: 9, fn: 9 })).toBe(0.75);
  });

  it('is 0, not NaN, when nothing is predicted positive (scikit-learn zero_division default)', () => {
    expect(precision({ tp: 0, fp: 0, tn: 5, fn: 2 })).toBe(0);
  });
});
