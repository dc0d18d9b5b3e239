import { readFileSync } from 'node:fs';
import path from 'node:path';
import { delongTest } from './delong-test';
import { MetricInputError } from './errors';
import { rocAuc } from './roc-auc';

interface DelongCase {
  name: string;
  labels: number[];
  a: number[];
  b: number[];
  aucA: number;
  aucB: number;
  z: number;
  pValue: number;
  ciLow: number;
  ciHigh: number;
}
const reference = JSON.parse(
  readFileSync(path.join(__dirname, '../../test/reference/evaluation/delong-reference.fixture.json'), 'utf8'),
) as { pROC: string; cases: DelongCase[] };

// pROC computes the same U-statistic components in another summation order: 1e-10 relative.
const close = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(expected)));

describe('delongTest', () => {
  it('was pinned to pROC 1.18', () => {
    expect(reference.pROC).toBe('1.18.0');
  });

  it.each(reference.cases.map((c) => [c.name, c] as const))(
    '%s: AUCs, z, p-value and 95%% interval of the difference equal pROC’s roc.test(method = "delong", paired = TRUE)',
    (_, c) => {
      const result = delongTest(c.labels, c.a, c.b);
      close(result.aucA, c.aucA);
      close(result.aucB, c.aucB);
      close(result.z, c.z);
      expect(Math.abs(result.pValue - c.pValue)).toBeLessThanOrEqual(
        1e-10 * Math.max(c.pValue, 1e-30) + 1e-300,
      );
      close(result.ciLow, c.ciLow);
      close(result.ciHigh, c.ciHigh);
      close(result.aucA, rocAuc(c.labels, c.a));
    },
  );

  it('gives a zero difference and a NaN z for identical scorers', () => {
    const labels = [0, 1, 0, 1, 1, 0];
    const scores = [0.1, 0.8, 0.3, 0.4, 0.9, 0.5];
    const result = delongTest(labels, scores, scores);
    expect(result.difference).toBe(0);
    expect(result.standardError).toBe(0);
    expect(result.z).toBeNaN();
  });

  it('refuses fewer than two rows of a class, naming the function', () => {
    expect(() => delongTest([0, 1, 0], [0.1, 0.2, 0.3], [0.3, 0.2, 0.1])).toThrow(MetricInputError);
    expect(() => delongTest([0, 1, 0], [0.1, 0.2, 0.3], [0.3, 0.2, 0.1])).toThrow(
      'delongTest: needs at least 2 rows of each class, got 1 positives and 2 negatives',
    );
    expect(() => delongTest([0, 1], [0.1, 0.2], [0.3])).toThrow(MetricInputError);
  });
});
