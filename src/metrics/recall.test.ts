import { expectClose, loadSklearnReference } from '../../test/reference/sklearn-reference';
import { confusionMatrix } from './confusion-matrix';
import { recall } from './recall';

describe('recall', () => {
  const { cases, threshold } = loadSklearnReference();

  it.each(cases)('matches scikit-learn recall_score on "$name"', ({ labels, scores, expected }) => {
    expectClose(recall(confusionMatrix(labels, scores, threshold)), expected.recall, 'recall');
  });

  it('is tp / (tp + fn)', () => {
    expect(recall({ tp: 1, fp: 7, tn: 7, fn: 3 })).toBe(0.25);
  });

  it('is 0, not NaN, when no row is labelled positive (scikit-learn zero_division default)', () => {
    expect(recall({ tp: 0, fp: 2, tn: 5, fn: 0 })).toBe(0);
  });
});
