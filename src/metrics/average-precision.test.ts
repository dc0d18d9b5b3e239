import { expectClose, loadSklearnReference } from '../../test/reference/sklearn-reference';
import { averagePrecision } from './average-precision';

describe('averagePrecision', () => {
  const { cases } = loadSklearnReference();

  it.each(cases)(
    'matches scikit-learn average_precision_score on "$name"',
    ({ labels, scores, expected }) => {
      expectClose(averagePrecision(labels, scores), expected.averagePrecision, 'averagePrecision');
    },
  );

  it('is the mean of the precisions at each positive, without interpolation', () => {
    // By hand: ranking 1, 0, 1 → precision 1/1 at the first positive and 2/3
    // at the second; AP = (1 + 2/3) / 2 = 5/6.
    expect(averagePrecision([1, 0, 1], [0.9, 0.8, 0.7])).toBeCloseTo(5 / 6, 15);
  });

  it('treats tied scores as one threshold', () => {
    // By hand: all tied → one threshold with precision 2/4 and recall 1.
    expect(averagePrecision([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
  });

  it('follows scikit-learn on one class: 0 with no positives, 1 with no negatives', () => {
    expect(averagePrecision([0, 0], [0.1, 0.9])).toBe(0);
    expect(averagePrecision([1, 1], [0.1, 0.9])).toBe(1);
  });

  it('validates its inputs', () => {
    expect(() => averagePrecision([0, 1], [0.1, NaN])).toThrow(
      'averagePrecision: scores[1] must be a finite number, got NaN',
    );
  });
});
