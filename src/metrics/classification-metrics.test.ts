import { expectClose, loadSklearnReference } from '../../test/reference/sklearn-reference';
import { computeClassificationMetrics } from './classification-metrics';

/** Deterministic pseudo-random numbers in (0, 1) (Park–Miller), so runs are repeatable. */
function uniforms(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

describe('computeClassificationMetrics', () => {
  const { cases } = loadSklearnReference();

  it.each(cases)(
    'matches scikit-learn on every summary metric for "$name"',
    ({ labels, scores, expected }) => {
      const metrics = computeClassificationMetrics(labels, scores);
      const twoClasses = labels.includes(0) && labels.includes(1);
      expect(metrics.count).toBe(labels.length);
      expect(metrics.threshold).toBe(0.5);
      expect(metrics.confusion).toEqual(expected.confusion);
      expectClose(metrics.positiveRate, labels.filter((l) => l === 1).length / labels.length, 'positiveRate');
      expectClose(metrics.accuracy, expected.accuracy, 'accuracy');
      expectClose(metrics.precision, expected.precision, 'precision');
      expectClose(metrics.recall, expected.recall, 'recall');
      expectClose(metrics.f1, expected.f1, 'f1');
      expectClose(metrics.logLoss, expected.logLoss, 'logLoss');
      if (twoClasses) {
        expectClose(metrics.rocAuc!, expected.rocAuc, 'rocAuc');
        expectClose(metrics.prAuc!, expected.averagePrecision, 'prAuc');
      } else {
        expect(metrics.rocAuc).toBeNull();
        expect(metrics.prAuc).toBeNull();
      }
    },
  );

  it('reports both AUCs as null, not NaN, when only one class is present', () => {
    const metrics = computeClassificationMetrics([1, 1, 1], [0.2, 0.5, 0.9]);
    expect(metrics).toMatchObject({ rocAuc: null, prAuc: null, positiveRate: 1, recall: 2 / 3 });
  });

  it('returns plain JSON that survives a round trip unchanged', () => {
    const metrics = computeClassificationMetrics([0, 0, 0], [0.1, 0.6, 0.2]);
    expect(JSON.parse(JSON.stringify(metrics))).toEqual(metrics);
  });

  it('applies a custom threshold to the threshold metrics only', () => {
    const labels = [1, 0, 1, 0];
    const scores = [0.9, 0.6, 0.4, 0.1];
    const at05 = computeClassificationMetrics(labels, scores);
    const at03 = computeClassificationMetrics(labels, scores, 0.3);
    expect(at03.threshold).toBe(0.3);
    expect(at03.confusion).toEqual({ tp: 2, fp: 1, tn: 1, fn: 0 });
    expect(at03.rocAuc).toBe(at05.rocAuc);
    expect(at03.logLoss).toBe(at05.logLoss);
  });

  it('rejects scores outside [0, 1] because log loss needs probabilities', () => {
    expect(() => computeClassificationMetrics([0, 1], [0.2, 1.2])).toThrow(
      'computeClassificationMetrics: scores[1] must be a probability in [0, 1], got 1.2',
    );
  });

  it('rejects mismatched lengths and an empty input', () => {
    expect(() => computeClassificationMetrics([0, 1], [0.2])).toThrow(
      'computeClassificationMetrics: labels and scores must have the same length, got 2 labels and 1 scores',
    );
    expect(() => computeClassificationMetrics([], [])).toThrow(
      'computeClassificationMetrics: needs at least one row, got 0',
    );
  });

  it('computes metrics over a million float32 scores', () => {
    const n = 1_000_000;
    const next = uniforms(42);
    const labels = new Uint8Array(n);
    const scores = new Float32Array(n); // tfjs predictions arrive as float32
    for (let i = 0; i < n; i++) {
      labels[i] = next() < 0.3 ? 1 : 0;
      scores[i] = Math.min(1, Math.max(0, 0.25 * labels[i]! + 0.75 * next()));
    }
    // Speed is npm run bench's business (BENCHMARKS.md), not a timed test's.
    const metrics = computeClassificationMetrics(labels, scores);
    expect(metrics.count).toBe(n);
    expect(metrics.rocAuc).toBeGreaterThan(0.6);
  });
});
