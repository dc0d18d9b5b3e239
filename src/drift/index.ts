/**
 * Data drift between a reference dataset and a current one, with the methods,
 * thresholds and numbers of Evidently's DataDriftPreset (checked against
 * Evidently 0.7.23 and scipy 1.17.1 by `test/reference/drift/drift_reference.py`).
 *
 * Plain domain code: no Temporal, no I/O. Works on plain column arrays, so it
 * does not depend on how a dataset was loaded. The types-file parser
 * (`column-types-file.ts`, which loads the `yaml` package) is imported by its
 * path, so the worker never loads YAML for the drift check.
 */
export * from './errors';
export * from './method-selection';
export * from './dataset-drift';
export * from './drift-severity';
export * from './column-types';
export * from './csv-drift-columns';
export * from './column-drift';
export * from './column-options';
export * from './column-summary';
export * from './category-counts';
export * from './numeric-sample';
export * from './binning';
export * from './ks-two-sample';
export * from './chi-squared-test';
export * from './z-test';
export * from './wasserstein';
export * from './jensen-shannon';
export * from './psi';
export * from './kolmogorov-distribution';
export * from './kolmogorov-cdf';
export * from './smirnov-distribution';
export * from './chi-squared-distribution';
export * from './normal-distribution';
export * from './gamma-function';
