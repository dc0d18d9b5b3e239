import { loadSklearnReference } from '../../test/reference/sklearn-reference';
import { confusionMatrix } from './confusion-matrix';

describe('confusionMatrix', () => {
  const { cases, threshold } = loadSklearnReference();

  it.each(cases)(
    'matches scikit-learn confusion_matrix on "$name" at 0.5',
    ({ labels, scores, expected }) => {
      expect(confusionMatrix(labels, scores, threshold)).toEqual(expected.confusion);
    },
  );

  it('predicts positive when the score equals the threshold', () => {
    expect(confusionMatrix([1, 0], [0.5, 0.5], 0.5)).toEqual({ tp: 1, fp: 1, tn: 0, fn: 0 });
  });

  it('defaults to a threshold of 0.5', () => {
    expect(confusionMatrix([1, 1, 0, 0], [0.5, 0.49, 0.51, 0.1])).toEqual({ tp: 1, fp: 1, tn: 1, fn: 1 });
  });

  it('predicts everything positive below the lowest score and nothing above the highest', () => {
    expect(confusionMatrix([1, 0], [0.2, 0.8], -1)).toEqual({ tp: 1, fp: 1, tn: 0, fn: 0 });
    expect(confusionMatrix([1, 0], [0.2, 0.8], 2)).toEqual({ tp: 0, fp: 0, tn: 1, fn: 1 });
  });

  it('rejects a NaN threshold', () => {
    expect(() => confusionMatrix([1], [0.2], NaN)).toThrow(
      'confusionMatrix: threshold must be a finite number, got NaN',
    );
  });
});
