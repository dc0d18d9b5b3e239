/**
 * Experiment tracking: run records of retrain, evaluation and drift runs, safe
 * under concurrent writers, and model/dataset lineage. Plain domain code:
 * nothing here imports `@temporalio/*`.
 */
export * from './errors';
export * from './run-record';
export { RunStore, type ListRunsOptions, type StartRunInput } from './run-store';
export { openProjectRunStore, openRunStore } from './open-run-store';
export type { RunRecordsBackend } from './run-records-backend';
export { DEFAULT_OPTIMISTIC_RETRY, StoreRunRecords, type OptimisticRetryOptions } from './store-run-records';
export { compareRuns, type MetricComparison, type ParamComparison, type RunComparison } from './compare-runs';
export {
  DEFAULT_FILE_LOCK_OPTIONS,
  withFileLock,
  type AssertLockHeld,
  type FileLockOptions,
} from './file-lock';
export { datasetLineage, modelLineage, type DatasetModel, type ModelLineage } from './lineage';
