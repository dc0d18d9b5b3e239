/**
 * Binary-classification metrics and curves, checked against scikit-learn
 * (see `test/reference/metrics_reference.py`). Plain functions on arrays: no
 * Temporal, no tensors, usable from a script or a notebook.
 */
export { accuracy } from './accuracy';
export { averagePrecision, averagePrecisionFromCounts } from './average-precision';
export { calibrationCurve, DEFAULT_CALIBRATION_BINS, type CalibrationBin } from './calibration-curve';
export { computeClassificationMetrics, type ClassificationMetrics } from './classification-metrics';
export { confusionMatrix, DEFAULT_THRESHOLD, type ConfusionMatrix } from './confusion-matrix';
export { MetricInputError, type MetricInputField } from './errors';
export { f1Score } from './f1-score';
export { LOG_LOSS_EPSILON, logLoss } from './log-loss';
export { precision } from './precision';
export {
  precisionRecallCurve,
  precisionRecallCurveFromCounts,
  type PrecisionRecallCurve,
} from './precision-recall-curve';
export { recall } from './recall';
export { rocAuc, rocAucFromCounts } from './roc-auc';
export { rocCurve, rocCurveFromCounts, type RocCurve } from './roc-curve';
export { thresholdCounts, type ThresholdCounts } from './threshold-counts';
export { DEFAULT_TABLE_THRESHOLDS, thresholdTable, type ThresholdRow } from './threshold-table';
