import { expectClose, loadSklearnReference } from '../../test/reference/sklearn-reference';
import { confusionMatrix } from './confusion-matrix';
import { f1Score } from './f1-score';

describe('f1Score', () => {
  const { cases, threshold } = loadSklearnReference();

  it.each(cases)('matches scikit-learn f1_score on "$name"', ({ labels, scores, expected }) => {
    expectClose(f1Score(confusionMatrix(labels, scores, threshold)), expected.f1, 'f1');
  });

  it('is the harmonic mean of precision and recall', () => {
    // By hand: precision 2/3, recall 1/2 → 2·(1/3)/(7/6) = 4/7 = 2·2/(2·2 + 1 + 2).
    expect(f1Score({ tp: 2, fp: 1, tn: 0, fn: 2 })).toBe(4 / 7);
  });

  it('is 0 when there are neither positive labels nor positive predictions', () => {
    expect(f1Score({ tp: 0, fp: 0, tn: 4, fn: 0 })).toBe(0);
  });

  it('is 0 when nothing is predicted positive but positives exist', () => {
    expect(f1Score({ tp: 0, fp: 0, tn: 4, fn: 3 })).toBe(0);
  });
});
