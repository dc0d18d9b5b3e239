/**
 * The data area's public API: the dataset schema, the synthetic generator, the
 * validating CSV loader, content digests, immutable snapshots and splits.
 * Plain domain code: nothing here imports `@temporalio/*`.
 */
export * from './schema';
export { createRng, shuffledIndices, type Rng } from './random';
export { generateMatchmakingRows, rowsToCsv, type GenerateOptions } from './generate';
export { createPopulation, type MatchFeatures, type Population } from './population';
export { drawMatchLabel, matchLogit, matchProbability } from './label-model';
export {
  DatasetProblem,
  DatasetValidationError,
  SnapshotError,
  SnapshotErrorCode,
  type DatasetProblemReport,
} from './errors';
export {
  assertBothLabelClasses,
  loadDatasetCsv,
  MAX_DATASET_BYTES,
  parseDatasetBytes,
  readDatasetFile,
} from './load-dataset';
export { parseDatasetCsv } from './parse-dataset';
export { hashBytes, hashFile, type FileDigest } from './hash-file';
export {
  createSnapshot,
  readSnapshotManifest,
  type CreateSnapshotOptions,
  type CreateSnapshotResult,
  type SnapshotManifest,
} from './snapshot-store';
export { loadSnapshotTable } from './snapshot-read';
export { assertMd5, snapshotDataPath, snapshotManifestPath } from './snapshot-layout';
export {
  checkSplitOptions,
  contentSplit,
  NO_SPLIT,
  SPLIT_PARTS,
  splitPartOf,
  type SplitIndices,
  type SplitOptions,
  type SplitPart,
} from './split';
export { rowContentKeys, rowFeatureText } from './row-content-keys';
export {
  analyseDatasetContent,
  summariseDuplicates,
  summariseDuplicatesAmong,
  type ClassCounts,
  type DatasetContent,
  type DuplicateSummary,
  type PartContent,
} from './dataset-content';
export {
  assertEnoughRows,
  MIN_DISTINCT_ROWS_PER_CLASS,
  TRAINING_PARTS,
  type RequiredPart,
} from './split-requirements';
