import { promises as fs } from 'node:fs';
import { loadSnapshotTable, snapshotDataPath } from '../data';
import { fitPreprocessor, savePreprocessor, transformRows } from '../features';
import {
  initTensorflowBackend,
  parseTrainingParams,
  saveModel,
  trainMatchModel,
  type EpochProgress,
  type TrainingLogger,
  type TrainingParams,
} from '../model';
import type { ModelManifest, ModelRegistry } from '../registry';
import { trainingRows } from './split';
import { MODEL_NAME } from '../core/model';

/** What training a candidate needs. */
export interface TrainCandidateOptions {
  readonly registry: ModelRegistry;
  readonly snapshotsDir: string;
  readonly datasetMd5: string;
  readonly version: string;
  readonly params?: Partial<TrainingParams>;
  /** Folder for this run's checkpoints; a retry that finds one resumes from it. */
  readonly checkpointDir: string;
  /** The run that trains it, recorded in the manifest. */
  readonly run: { readonly workflowId: string; readonly runId: string };
  readonly onEpoch?: (progress: EpochProgress, resumedFromEpoch: number) => void | Promise<void>;
  readonly logger?: TrainingLogger;
}

/** A summary of the trained, published candidate (small: it crosses Temporal payloads). */
export interface TrainCandidateResult {
  readonly version: string;
  readonly bestEpoch: number;
  readonly epochsRun: number;
  readonly stoppedEarly: boolean;
  readonly resumedFromEpoch: number;
  readonly bestValidationRocAuc: number | null;
  readonly backend: string;
  /** True when the version was already published by an earlier attempt of this run. */
  readonly alreadyPublished: boolean;
}

function summarise(manifest: ModelManifest, alreadyPublished: boolean): TrainCandidateResult {
  const t = manifest.training;
  return {
    version: manifest.version,
    bestEpoch: t.bestEpoch,
    epochsRun: t.epochsRun,
    stoppedEarly: t.stoppedEarly,
    resumedFromEpoch: t.resumedFromEpoch,
    bestValidationRocAuc: t.bestValidationRocAuc,
    backend: t.backend,
    alreadyPublished,
  };
}

async function existingManifest(
  registry: ModelRegistry,
  version: string,
): Promise<ModelManifest | undefined> {
  try {
    return await registry.readManifest(version);
  } catch {
    return undefined;
  }
}

/**
 * Trains a candidate on a snapshot and publishes it to the registry: fits the
 * preprocessing on the training rows only, trains the DNN with checkpoints,
 * saves model + preprocessor, then publishes the version folder in one rename.
 */
export async function trainCandidate(options: TrainCandidateOptions): Promise<TrainCandidateResult> {
  const { registry, version } = options;
  const published = await existingManifest(registry, version);
  if (published && published.run.workflowId === options.run.workflowId) return summarise(published, true);

  const params = parseTrainingParams(options.params ?? {});
  const datasetPath = snapshotDataPath(options.snapshotsDir, options.datasetMd5);
  const table = await loadSnapshotTable(options.snapshotsDir, options.datasetMd5);
  const { split } = await trainingRows(table, datasetPath);
  const preprocessor = fitPreprocessor(table, split.train);
  const train = transformRows(preprocessor, table, split.train);
  const validation = transformRows(preprocessor, table, split.validation);
  const backend = await initTensorflowBackend(options.logger);

  let resumedFromEpoch = 0;
  const result = await trainMatchModel({
    train,
    validation,
    params,
    checkpointDir: options.checkpointDir,
    onEpoch: async (progress) => {
      await options.onEpoch?.(progress, resumedFromEpoch);
    },
    onResume: (epoch) => {
      resumedFromEpoch = epoch;
    },
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const staging = await registry.createStagingDir();
  try {
    await saveModel(staging, result.model);
    await savePreprocessor(staging, preprocessor);
  } finally {
    result.model.dispose();
  }
  const best = result.history.find((h) => h.epoch === result.bestEpoch);
  const manifest = await registry.publishVersion(staging, {
    formatVersion: 1,
    model: MODEL_NAME,
    version,
    createdAt: new Date().toISOString(),
    dataset: { md5: options.datasetMd5, rows: table.numRows(), source: datasetPath },
    training: {
      params: { ...params },
      bestEpoch: result.bestEpoch,
      epochsRun: result.history.length, // the history includes the epochs restored from a checkpoint
      stoppedEarly: result.stoppedEarly,
      resumedFromEpoch: result.resumedFromEpoch,
      backend,
      bestValidationRocAuc: best?.valRocAuc ?? null,
    },
    run: options.run,
  });
  await fs.rm(options.checkpointDir, { recursive: true, force: true });
  return summarise(manifest, false);
}
