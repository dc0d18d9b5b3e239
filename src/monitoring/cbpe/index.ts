/**
 * Confidence-based performance estimation (NannyML's CBPE, binary
 * classification), pinned to NannyML 0.13.1 by
 * `test/reference/monitoring/cbpe_reference.py`. Plain functions: no Temporal, no I/O.
 */
export * from './cbpe';
export * from './cbpe-metrics';
export * from './chunking';
export * from './alert-thresholds';
export * from './sampling-error';
export { decideCalibration, type CalibrationDecision } from './needs-calibration';
export { fitIsotonic, predictIsotonic, type IsotonicFit } from './isotonic-regression';
