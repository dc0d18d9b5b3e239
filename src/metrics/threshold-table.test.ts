import { expectClose, loadSklearnReference } from '../../test/reference/sklearn-reference';
import { DEFAULT_TABLE_THRESHOLDS, thresholdTable } from './threshold-table';

describe('thresholdTable', () => {
  const { cases } = loadSklearnReference();

  it.each(cases)(
    'matches scikit-learn precision/recall/f1_score at 0.1 … 0.9 on "$name"',
    ({ labels, scores, expected }) => {
      const rows = thresholdTable(labels, scores);
      expect(rows).toHaveLength(expected.thresholdTable.length);
      rows.forEach((row, i) => {
        const want = expected.thresholdTable[i]!;
        expect(row.threshold).toBe(want.threshold);
        expectClose(row.precision, want.precision, `precision@${want.threshold}`);
        expectClose(row.recall, want.recall, `recall@${want.threshold}`);
        expectClose(row.f1, want.f1, `f1@${want.threshold}`);
        expectClose(row.positiveRate, want.positiveRate, `positiveRate@${want.threshold}`);
      });
    },
  );

  it('defaults to the nine thresholds 0.1 … 0.9 written as decimals', () => {
    expect(DEFAULT_TABLE_THRESHOLDS).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
  });

  it('evaluates custom thresholds in the order given', () => {
    // By hand: at 0.8 one of two rows is predicted positive, correctly.
    expect(thresholdTable([1, 0], [0.9, 0.3], [0.8, 0.2])).toEqual([
      { threshold: 0.8, precision: 1, recall: 1, f1: 1, positiveRate: 0.5 },
      { threshold: 0.2, precision: 0.5, recall: 1, f1: 2 / 3, positiveRate: 1 },
    ]);
  });

  it('rejects a non-finite threshold', () => {
    expect(() => thresholdTable([1], [0.5], [0.5, Infinity])).toThrow(
      'thresholdTable: threshold must be a finite number, got Infinity',
    );
  });
});
