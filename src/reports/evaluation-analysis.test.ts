import { computeClassificationMetrics, MetricInputError } from '../metrics';
import { analyseEvaluation, type EvaluationReportInput } from './evaluation-analysis';
import { syntheticEvaluation } from './evaluation.fixture';

function input(rows: number, withProduction: boolean): EvaluationReportInput {
  const d = syntheticEvaluation(rows);
  return {
    modelVersion: 'v2',
    datasetMd5: 'md5',
    evaluatedAt: '2025-01-01T00:00:00Z',
    labels: d.labels,
    probabilities: d.candidate,
    production: withProduction ? { version: 'v1', probabilities: d.production } : null,
  };
}

describe('analyseEvaluation', () => {
  it('labels a lone model "model" and a compared pair "candidate" and "production"', () => {
    expect(analyseEvaluation(input(200, false)).models.map((m) => m.label)).toEqual(['model v2']);
    expect(analyseEvaluation(input(200, true)).models.map((m) => m.label)).toEqual(['candidate v2', 'production v1']);
  });

  it('reports the same metrics as computeClassificationMetrics on each model', () => {
    const given = input(1000, true);
    const [candidate, production] = analyseEvaluation(given).models;
    expect(candidate!.metrics).toEqual(computeClassificationMetrics(given.labels, given.probabilities));
    expect(production!.metrics).toEqual(computeClassificationMetrics(given.labels, given.production!.probabilities));
  });

  it('keeps at most 500 points per curve for 100k rows, from (0, 0) to (1, 1) for ROC', () => {
    const [model] = analyseEvaluation(input(100_000, false)).models;
    expect(model!.roc.length).toBeLessThanOrEqual(500);
    expect(model!.pr.length).toBeLessThanOrEqual(500);
    expect(model!.roc[0]).toEqual({ x: 0, y: 0 });
    expect(model!.roc[model!.roc.length - 1]).toEqual({ x: 1, y: 1 });
    // scikit-learn's last precision–recall point: recall 0, precision 1.
    expect(model!.pr[model!.pr.length - 1]).toEqual({ x: 0, y: 1 });
  });

  it('has ten calibration bins and the 0.1 … 0.9 threshold table', () => {
    const [model] = analyseEvaluation(input(5000, false)).models;
    expect(model!.calibration.map((b) => b.bin)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(model!.thresholds.map((r) => r.threshold)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
  });

  it('has no curves and null AUCs when the rows hold one class only', () => {
    const [model] = analyseEvaluation({ ...input(100, false), labels: new Uint8Array(100).fill(1) }).models;
    expect(model!.roc).toEqual([]);
    expect(model!.pr).toEqual([]);
    expect(model!.metrics.rocAuc).toBeNull();
    expect(model!.metrics.prAuc).toBeNull();
  });

  it('rejects production scores for other rows with a MetricInputError', () => {
    const bad = { ...input(100, false), production: { version: 'v1', probabilities: new Float64Array(99) } };
    expect(() => analyseEvaluation(bad)).toThrow(MetricInputError);
    expect(() => analyseEvaluation(bad)).toThrow(
      'computeClassificationMetrics: labels and scores must have the same length, got 100 labels and 99 scores',
    );
  });
});
