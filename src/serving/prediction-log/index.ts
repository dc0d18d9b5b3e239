/** The prediction log: every served prediction, in daily JSON Lines files. */
export {
  LOGGED_INPUT_COLUMNS,
  utcDay,
  type LoggedExperiment,
  type PredictionLogEntry,
  type PredictionRoute,
} from './entry';
export {
  loadPredictionLogTable,
  readPredictionLog,
  type PredictionLogQuery,
  type PredictionLogReadStats,
  type PredictionLogTable,
} from './reader';
export { FilePredictionLogStore, safeInstanceName, type LogChunk, type PredictionLogStore } from './store';
export { ObjectPredictionLogStore, type ObjectPredictionLogStoreOptions } from './object-store';
export { openPredictionLogStore } from './open-log-store';
export {
  PredictionLogWriter,
  batchLines,
  type LogWriterLogger,
  type PredictionBatch,
  type PredictionLogWriterOptions,
} from './writer';
