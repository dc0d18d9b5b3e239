import { expectClose, loadSklearnReference } from '../../test/reference/sklearn-reference';
import { accuracy } from './accuracy';
import { confusionMatrix } from './confusion-matrix';

describe('accuracy', () => {
  const { cases, threshold } = loadSklearnReference();

  it.each(cases)('matches scikit-learn accuracy_score on "$name"', ({ labels, scores, expected }) => {
    expectClose(accuracy(confusionMatrix(labels, scores, threshold)), expected.accuracy, 'accuracy');
  });

  it('is the fraction of correct predictions', () => {
    // By hand: 3 right (tp + tn) out of 4.
    expect(accuracy({ tp: 2, fp: 1, tn: 1, fn: 0 })).toBe(0.75);
  });

  it('is NaN for an empty matrix, which the array functions never produce', () => {
    expect(accuracy({ tp: 0, fp: 0, tn: 0, fn: 0 })).toBeNaN();
  });
});
