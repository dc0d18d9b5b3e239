/**
 * MLflow interoperability: run records mirrored to an MLflow tracking server
 * through its REST API (no Python). Plain domain code: nothing here imports
 * `@temporalio/*`; the `syncRunToMlflow` activity wraps it.
 */
export {
  MlflowClient,
  isAlreadyExists,
  isNotFound,
  type KeyValue,
  type MetricInput,
  type MlflowRunStatus,
} from './client';
export {
  CHAMPION_ALIAS,
  DEFAULT_EXPERIMENT_NAME,
  DEFAULT_MLFLOW_TIMEOUT_MS,
  DEFAULT_REGISTERED_MODEL_NAME,
  mlflowSettingsFromEnv,
  type MlflowSettings,
} from './config';
export { MlflowConfigError, MlflowError } from './errors';
export { ensureExperiment, mirrorRunToMlflow, type MirrorOptions, type MirrorResult } from './mirror-run';
export {
  MODEL_ARTIFACT_PATH,
  MODEL_DIR_TAG,
  PROMOTED_AT_TAG,
  proxiedArtifactRoot,
  registerPromotedModel,
  type MirrorLogger,
  type RegisteredVersion,
} from './register-model';
export {
  LOG_BATCH_LIMITS,
  RECORD_ID_TAG,
  RunTag,
  runPayload,
  splitBatch,
  type RunPayload,
} from './run-payload';
export type {
  MlflowExperiment,
  MlflowMetric,
  MlflowModelVersion,
  MlflowRegisteredModel,
  MlflowRun,
} from './schemas';
