/**
 * The study's verdict on model families: the best DNN trial, the best
 * logistic-regression trial and (optionally) an ensemble of the top trials,
 * each scored with its own saved preprocessing on the held-out TEST split —
 * rows no trial was selected on — and compared pairwise with DeLong's test
 * (`src/metrics/delong-test.ts`, pinned to pROC), which gives the difference
 * in ROC AUC with a confidence interval and a p-value.
 */
import { loadSnapshotTable, snapshotDataPath } from '../data';
import { loadPreprocessor, transformRows } from '../features';
import { computeClassificationMetrics, type ClassificationMetrics } from '../metrics';
import { delongTest, type DelongResult } from '../metrics/delong-test';
import { initTensorflowBackend, loadModel, predictProbabilities } from '../model';
import { trainingRows } from './split';

/** A trial to score: its number and the folder its model was saved to. */
export interface TrialModelRef {
  readonly trial: number;
  readonly dir: string;
}

/** Inputs of {@link compareFamilies}. */
export interface CompareFamiliesOptions {
  readonly snapshotsDir: string;
  readonly datasetMd5: string;
  /** The best DNN trial, if the study ran any. */
  readonly dnn?: TrialModelRef;
  /** The best logistic-regression trial, if the study ran any. */
  readonly logreg?: TrialModelRef;
  /** Trials whose probabilities are averaged into the ensemble (at least 2 to form one). */
  readonly ensemble?: readonly TrialModelRef[];
  /** @default 0.95 */
  readonly confidenceLevel?: number;
}

/** One candidate's test metrics. */
export interface ScoredCandidate {
  readonly trials: readonly number[];
  readonly metrics: ClassificationMetrics;
}

/** DeLong's comparison of two candidates, in words and numbers. */
export interface PairedComparison extends DelongResult {
  /** e.g. "the DNN beats the logistic regression by 0.012 ROC AUC (95% CI −0.004 to 0.028, p = 0.14): not significant at 5%". */
  readonly summary: string;
}

/** What {@link compareFamilies} returns (small: it crosses Temporal payloads). */
export interface FamilyComparison {
  readonly testRows: number;
  readonly dnn?: ScoredCandidate;
  readonly logreg?: ScoredCandidate;
  readonly ensemble?: ScoredCandidate;
  /** DNN minus logistic regression. */
  readonly dnnVsLogreg?: PairedComparison;
  /** Ensemble minus the better single candidate. */
  readonly ensembleVsBest?: PairedComparison;
}

const fmt = (x: number): string => (x < 0 ? `−${Math.abs(x).toFixed(3)}` : x.toFixed(3));

function describe(result: DelongResult, a: string, b: string): string {
  const level = Math.round(result.confidenceLevel * 100);
  const ci = `${level}% CI ${fmt(result.ciLow)} to ${fmt(result.ciHigh)}`;
  const p = Number.isNaN(result.pValue)
    ? 'p undefined'
    : `p = ${result.pValue < 1e-4 ? result.pValue.toExponential(1) : result.pValue.toFixed(3)}`;
  const significant = result.pValue < 1 - result.confidenceLevel;
  const lead =
    result.difference >= 0
      ? `${a} beats ${b} by ${fmt(result.difference)}`
      : `${a} trails ${b} by ${fmt(-result.difference)}`;
  return `${lead} ROC AUC (${ci}, ${p}): ${significant ? 'significant' : 'not significant'} at ${100 - level}%`;
}

/**
 * Scores the given trials on the test split and compares the families.
 *
 * @throws ModelArtifactError, PreprocessorFileError for a missing or corrupt trial model;
 *   SnapshotError for a missing snapshot
 */
export async function compareFamilies(options: CompareFamiliesOptions): Promise<FamilyComparison> {
  const table = await loadSnapshotTable(options.snapshotsDir, options.datasetMd5);
  const { split } = await trainingRows(table, snapshotDataPath(options.snapshotsDir, options.datasetMd5));
  const { test } = split;
  await initTensorflowBackend();
  const cache = new Map<string, { labels: Float32Array; probabilities: Float32Array }>();
  const score = async (ref: TrialModelRef) => {
    const known = cache.get(ref.dir);
    if (known) return known;
    const preprocessor = await loadPreprocessor(ref.dir);
    const model = await loadModel(ref.dir);
    try {
      const matrix = transformRows(preprocessor, table, test);
      const scored = { labels: matrix.labels, probabilities: predictProbabilities(model, matrix) };
      cache.set(ref.dir, scored);
      return scored;
    } finally {
      model.dispose();
    }
  };
  const level = options.confidenceLevel ?? 0.95;
  const candidate = (trials: number[], probabilities: Float32Array, y: Float32Array): ScoredCandidate => ({
    trials,
    metrics: computeClassificationMetrics(y, probabilities),
  });

  const dnn = options.dnn ? await score(options.dnn) : undefined;
  const logreg = options.logreg ? await score(options.logreg) : undefined;
  const members = options.ensemble ?? [];
  let ensemble: { labels: Float32Array; probabilities: Float32Array } | undefined;
  if (members.length >= 2) {
    const scored = await Promise.all(members.map(score));
    const mean = new Float32Array(test.length);
    for (const s of scored)
      for (let i = 0; i < mean.length; i++) mean[i]! += s.probabilities[i]! / scored.length;
    ensemble = { labels: scored[0]!.labels, probabilities: mean };
  }
  const result: {
    -readonly [K in keyof FamilyComparison]: FamilyComparison[K];
  } = { testRows: test.length };
  if (dnn && options.dnn) result.dnn = candidate([options.dnn.trial], dnn.probabilities, dnn.labels);
  if (logreg && options.logreg)
    result.logreg = candidate([options.logreg.trial], logreg.probabilities, logreg.labels);
  if (ensemble)
    result.ensemble = candidate(
      members.map((m) => m.trial),
      ensemble.probabilities,
      ensemble.labels,
    );
  if (dnn && logreg) {
    const t = delongTest(dnn.labels, dnn.probabilities, logreg.probabilities, level);
    result.dnnVsLogreg = { ...t, summary: describe(t, 'the DNN', 'the logistic regression') };
  }
  const singles = [
    dnn && result.dnn
      ? { name: 'the best DNN', s: dnn, auc: result.dnn.metrics.rocAuc ?? -Infinity }
      : undefined,
    logreg && result.logreg
      ? { name: 'the best logistic regression', s: logreg, auc: result.logreg.metrics.rocAuc ?? -Infinity }
      : undefined,
  ].filter((x) => x !== undefined);
  if (ensemble && singles.length > 0) {
    const best = singles.reduce((a, b) => (a.auc >= b.auc ? a : b));
    const t = delongTest(ensemble.labels, ensemble.probabilities, best.s.probabilities, level);
    result.ensembleVsBest = { ...t, summary: describe(t, 'the ensemble', best.name) };
  }
  return result;
}
