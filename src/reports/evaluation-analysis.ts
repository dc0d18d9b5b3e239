import type { DuplicateSummary } from '../data';
import {
  calibrationCurve,
  computeClassificationMetrics,
  DEFAULT_CALIBRATION_BINS,
  DEFAULT_THRESHOLD,
  precisionRecallCurveFromCounts,
  rocCurveFromCounts,
  thresholdCounts,
  thresholdTable,
  type CalibrationBin,
  type ClassificationMetrics,
  type ThresholdRow,
} from '../metrics';
import { DEFAULT_MAX_CURVE_POINTS, downsampleCurve, type CurvePoint } from './downsample';
import type { ReportImportance } from './importance-section';

/** A second model scored on the same rows, for comparison. */
export interface ComparedModel {
  readonly version: string;
  /** Predicted probability of a match per row, aligned with the labels. */
  readonly probabilities: ArrayLike<number>;
}

/** What the evaluation report (HTML and text) is made from. */
export interface EvaluationReportInput {
  /** Version of the model evaluated (the candidate, when a production model is given). */
  readonly modelVersion: string;
  /** md5 of the dataset the held-out rows came from. */
  readonly datasetMd5: string;
  /** ISO-8601 time of the evaluation. */
  readonly evaluatedAt: string;
  /** 0/1 ground truth of the held-out rows. */
  readonly labels: ArrayLike<number>;
  /** The model's predicted probability of a match per row, each in [0, 1]. */
  readonly probabilities: ArrayLike<number>;
  /** The production model scored on the same rows, when there is one. */
  readonly production?: ComparedModel | null;
  /** Decision threshold for F1, the confusion matrix and the other threshold metrics. @default 0.5 */
  readonly threshold?: number;
  /**
   * What each model relies on (permutation importance, mean |attribution|), when
   * computed: adds the "What the model relies on" section and its summary lines.
   */
  readonly importance?: ReportImportance | null;
  /** Page title. @default "Model evaluation: <modelVersion>" */
  readonly title?: string;
  /** Exact duplicates in the whole dataset and among the scored rows, when known. */
  readonly duplicates?: { readonly dataset: DuplicateSummary; readonly scoredRows: DuplicateSummary };
}

/** Which side of the comparison a model is on. */
export type ModelRole = 'model' | 'candidate' | 'production';

/** Everything the report shows about one model. */
export interface ModelAnalysis {
  readonly role: ModelRole;
  readonly version: string;
  /** "candidate v12", "production v9", or "model v12" when there is no comparison. */
  readonly label: string;
  readonly metrics: ClassificationMetrics;
  /** Downsampled ROC curve (x = FPR, y = TPR); empty when one class is missing. */
  readonly roc: CurvePoint[];
  /** Downsampled precision–recall curve (x = recall, y = precision); empty when one class is missing. */
  readonly pr: CurvePoint[];
  /** Reliability-diagram bins, ten of width 0.1 (empty bins left out). */
  readonly calibration: CalibrationBin[];
  /** Precision, recall, F1 and positive rate at 0.1 … 0.9. */
  readonly thresholds: ThresholdRow[];
}

/** The evaluated rows and every model's analysis, evaluated model first. */
export interface EvaluationAnalysis {
  readonly rows: number;
  readonly positiveRate: number;
  readonly threshold: number;
  readonly models: readonly ModelAnalysis[];
}

function analyseModel(
  role: ModelRole,
  version: string,
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  threshold: number,
  maxCurvePoints: number,
): ModelAnalysis {
  // computeClassificationMetrics validates labels and probabilities (throws
  // MetricInputError naming the bad row), so the helpers below can trust them.
  const metrics = computeClassificationMetrics(labels, probabilities, threshold);
  const counts = thresholdCounts(labels, probabilities);
  const bothClasses = counts.positives > 0 && counts.negatives > 0;
  const roc = rocCurveFromCounts(counts);
  const pr = precisionRecallCurveFromCounts(counts);
  return {
    role,
    version,
    label: `${role} ${version}`,
    metrics,
    roc: bothClasses ? downsampleCurve(roc.fpr, roc.tpr, maxCurvePoints) : [],
    pr: bothClasses ? downsampleCurve(pr.recall, pr.precision, maxCurvePoints) : [],
    calibration: calibrationCurve(labels, probabilities, DEFAULT_CALIBRATION_BINS),
    thresholds: thresholdTable(labels, probabilities),
  };
}

/**
 * Computes the metrics, curves, calibration bins and threshold table of the
 * evaluated model and, when given, the production model on the same rows.
 *
 * @param maxCurvePoints - most points kept per curve (see `downsampleCurve`)
 * @throws {@link MetricInputError} on mismatched lengths, empty input, labels other than 0/1 or probabilities outside [0, 1]
 */
export function analyseEvaluation(
  input: EvaluationReportInput,
  maxCurvePoints: number = DEFAULT_MAX_CURVE_POINTS,
): EvaluationAnalysis {
  const threshold = input.threshold ?? DEFAULT_THRESHOLD;
  const production = input.production ?? null;
  const models = [
    analyseModel(
      production ? 'candidate' : 'model',
      input.modelVersion,
      input.labels,
      input.probabilities,
      threshold,
      maxCurvePoints,
    ),
  ];
  if (production) {
    models.push(
      analyseModel('production', production.version, input.labels, production.probabilities, threshold, maxCurvePoints),
    );
  }
  const first = models[0]!.metrics;
  return { rows: first.count, positiveRate: first.positiveRate, threshold, models };
}
