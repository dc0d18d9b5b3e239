/**
 * Trains one tuning trial on a snapshot: the same split, preprocessing and
 * training loop as a candidate, but the model goes to the trial's own folder
 * (`model.json`, `weights.bin`, `preprocessor.json` — the registry's layout,
 * so any loader reads it), not to the registry. The study compares trials on
 * validation ROC AUC; the held-out test split is only read afterwards, by the
 * study's final comparison.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadSnapshotTable, snapshotDataPath } from '../data';
import { fitPreprocessor, savePreprocessor, transformRows } from '../features';
import { writeFileAtomic } from '../fs/atomic-write';
import {
  initTensorflowBackend,
  modelFamilyOf,
  parseTrainingParams,
  saveModel,
  trainMatchModel,
  type EpochProgress,
  type ModelFamily,
  type TrainingLogger,
  type TrainingParams,
} from '../model';
import { trainingRows } from './split';

/** File in a trial folder that marks it complete and summarises it. */
export const TRIAL_SUMMARY_FILE = 'trial.json';

/** What training a trial needs. */
export interface TrainTrialOptions {
  readonly snapshotsDir: string;
  readonly datasetMd5: string;
  readonly params: Partial<TrainingParams>;
  /** Where the trained model and preprocessor go (created). */
  readonly trialDir: string;
  /** Checkpoints of this trial; a retry that finds one resumes from it. */
  readonly checkpointDir: string;
  /** Called after every epoch with the validation ROC AUC of every epoch so far. */
  readonly onEpoch?: (
    progress: EpochProgress,
    intermediate: readonly (number | null)[],
  ) => void | Promise<void>;
  /** Called once when training resumes from a checkpoint, with the epochs restored. */
  readonly onResume?: (intermediate: readonly (number | null)[]) => void | Promise<void>;
  readonly logger?: TrainingLogger;
}

/** A trained trial (small: it crosses Temporal payloads). */
export interface TrainTrialResult {
  readonly family: ModelFamily;
  /** Validation ROC AUC per epoch (null where not a number). */
  readonly intermediate: readonly (number | null)[];
  readonly bestEpoch: number;
  /** Validation ROC AUC at the best epoch: the study's objective. */
  readonly bestValidationRocAuc: number | null;
  readonly stoppedEarly: boolean;
  readonly resumedFromEpoch: number;
  readonly backend: string;
  /** True when an earlier attempt had already finished and saved the trial. */
  readonly alreadyTrained: boolean;
}

const asNullable = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * Trains the trial (or returns the summary an earlier attempt saved).
 *
 * @throws TrainingParamsError, TrainingDataError, SnapshotError as training a candidate does
 */
export async function trainTrial(options: TrainTrialOptions): Promise<TrainTrialResult> {
  const summaryFile = path.join(options.trialDir, TRIAL_SUMMARY_FILE);
  const existing = await fs.readFile(summaryFile, 'utf8').catch(() => undefined);
  if (existing !== undefined) return { ...(JSON.parse(existing) as TrainTrialResult), alreadyTrained: true };

  const params = parseTrainingParams(options.params);
  const datasetPath = snapshotDataPath(options.snapshotsDir, options.datasetMd5);
  const table = await loadSnapshotTable(options.snapshotsDir, options.datasetMd5);
  const { split } = await trainingRows(table, datasetPath);
  const preprocessor = fitPreprocessor(table, split.train);
  const train = transformRows(preprocessor, table, split.train);
  const validation = transformRows(preprocessor, table, split.validation);
  const backend = await initTensorflowBackend(options.logger);
  const seen: (number | null)[] = [];
  const result = await trainMatchModel({
    train,
    validation,
    params,
    checkpointDir: options.checkpointDir,
    onEpoch: async (progress) => {
      seen[progress.epoch - 1] = asNullable(progress.valRocAuc);
      await options.onEpoch?.(progress, seen.slice(0, progress.epoch));
    },
    onResume: async (_epoch, history) => {
      history.forEach((h) => (seen[h.epoch - 1] = asNullable(h.valRocAuc)));
      await options.onResume?.(seen.slice());
    },
    ...(options.logger ? { logger: options.logger } : {}),
  });
  try {
    await saveModel(options.trialDir, result.model);
    await savePreprocessor(options.trialDir, preprocessor);
  } finally {
    result.model.dispose();
  }
  const best = result.history.find((h) => h.epoch === result.bestEpoch);
  const summary: TrainTrialResult = {
    family: modelFamilyOf(params),
    intermediate: result.history.map((h) => asNullable(h.valRocAuc)),
    bestEpoch: result.bestEpoch,
    bestValidationRocAuc: best ? asNullable(best.valRocAuc) : null,
    stoppedEarly: result.stoppedEarly,
    resumedFromEpoch: result.resumedFromEpoch,
    backend,
    alreadyTrained: false,
  };
  await writeFileAtomic(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
  await fs.rm(options.checkpointDir, { recursive: true, force: true });
  return summary;
}
