import { CbpeInputError, estimateCbpeChunk, fitCbpe } from './cbpe';
import { estimateRocAuc } from './estimate-metrics';

// A small, deterministic reference: score i/100 for 100 rows, label 1 on a fixed pattern that rises with the score.
const scores = Array.from({ length: 100 }, (_, i) => (i + 0.5) / 100);
const labels = scores.map((s, i) => (((i * 37) % 100) / 100 < s ? 1 : 0));

describe('fitCbpe and estimateCbpeChunk', () => {
  it('estimates a chunk of perfectly calibrated scores close to their own expectation', () => {
    const fitted = fitCbpe({ labels, scores }, { calibration: 'never' });
    const chunk = Array.from({ length: 50 }, (_, i) => (2 * i + 1) / 100);
    const estimate = estimateCbpeChunk(fitted, chunk);
    // Expected accuracy of a calibrated model predicting at 0.5: mean of max(p, 1 − p).
    const expected = chunk.reduce((s, p) => s + Math.max(p, 1 - p), 0) / chunk.length;
    expect(estimate.metrics.accuracy.value).toBeCloseTo(expected, 12);
    expect(estimate.metrics.accuracy.lower).toBeLessThan(expected);
    expect(estimate.metrics.accuracy.upper).toBeGreaterThan(expected);
    expect(estimate.metrics.accuracy.realized).toBeUndefined();
  });

  it('reports realized values beside the estimates when outcomes are given', () => {
    const fitted = fitCbpe({ labels, scores });
    const estimate = estimateCbpeChunk(fitted, scores.slice(0, 40), labels.slice(0, 40));
    expect(estimate.metrics.truePositive.realized).toBe(0); // no score >= 0.5 in the first 40
    expect(Number.isNaN(estimate.metrics.precision.realized)).toBe(true); // one predicted class
  });

  it('gives NaN ROC AUC when a chunk is expected to hold one class only', () => {
    expect(Number.isNaN(estimateRocAuc([0, 0, 0], [0.1, 0.2, 0.3]))).toBe(true);
  });

  it('refuses empty input, scores that are not probabilities and labels that are not 0/1', () => {
    expect(() => fitCbpe({ labels: [], scores: [] })).toThrow(CbpeInputError);
    expect(() => fitCbpe({ labels: [0, 1], scores: [0.2, 1.5] })).toThrow(/score 1 is 1.5/);
    expect(() => fitCbpe({ labels: [0, 2], scores: [0.2, 0.5] })).toThrow(/label 1 is 2/);
    const fitted = fitCbpe({ labels, scores });
    expect(() => estimateCbpeChunk(fitted, [])).toThrow(/no rows/);
    expect(() => estimateCbpeChunk(fitted, [NaN])).toThrow(/score 0 is NaN/);
    expect(() => estimateCbpeChunk(fitted, [0.5], [1, 0])).toThrow(/2 labels for 1 scores/);
  });
});
