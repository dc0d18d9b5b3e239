/**
 * Trains the match model with per-epoch checkpoints, early stopping on
 * validation ROC AUC and resume after a crash.
 *
 * Determinism: initial weights, the shuffle of each epoch and the dropout masks
 * of each epoch all derive from `(params.seed, epoch)`, so the same inputs on
 * the same backend give the same history, and a run resumed after epoch k sees
 * exactly the batches and masks an uninterrupted run would have seen. Nothing
 * else carries from one epoch to the next except what the checkpoint holds —
 * weights, best weights, Adam's whole state (step, bias-correction powers,
 * moments; see `optimizer-state.ts`), early-stopping counters and the history —
 * so a resumed run ends with the same weights, bit for bit, as an uninterrupted
 * one (`train-resume.test.ts`). No random stream runs across epochs: the
 * shuffle and every SeededDropout stream are re-created from `(seed, epoch)` at
 * the start of each epoch, and the seed is part of the checkpoint's fingerprint.
 *
 * Speed and memory: each epoch runs `trainEpoch` (train-epoch.ts), which builds
 * every batch on the JS side from the row-major matrix and uploads only that
 * batch — no whole-set upload, no per-epoch shuffled copy on the backend. Per
 * epoch, batch tensors and prediction batches are released before the next
 * epoch, and best weights live as JS typed arrays. `tf.memory().numTensors` is
 * the same at every epoch end (see the test).
 */
import * as tf from '@tensorflow/tfjs';
import { shuffledIndices } from '../data/random';
import type { FeatureMatrix } from '../features/feature-matrix';
import { buildMatchModel, disposeMatchModel, reseedDropout } from './architecture';
import { classWeightsFor } from './class-weights';
import { CHECKPOINT_FORMAT_VERSION, writeCheckpoint } from './checkpoint';
import { updateEarlyStopping } from './early-stopping';
import type { EpochProgress } from './epoch-progress';
import { predictProbabilities } from './predict';
import { resumeOrStart, type TrainingLogger } from './resume';
import { SeedPurpose, deriveSeed } from './seeds';
import { trainEpoch } from './train-epoch';
import { trainingFingerprint } from './training-fingerprint';
import { parseTrainingParams, type TrainingParams } from './training-params';
import { validateTrainingInputs, validationScores } from './validation';
import { snapshotOptimizer } from './optimizer-state';
import {
  encodeTensors,
  restoreModelWeights,
  snapshotModelWeights,
  type TensorSnapshot,
} from './weight-snapshot';

/** Inputs of {@link trainMatchModel}. */
export interface TrainMatchModelOptions {
  readonly train: FeatureMatrix;
  readonly validation: FeatureMatrix;
  /** Parameters (see `parseTrainingParams`); validated again here. */
  readonly params: TrainingParams;
  /** Where the checkpoint lives; a compatible checkpoint found there is resumed. */
  readonly checkpointDir: string;
  /** Called after each epoch, once its checkpoint is on disk; a throw stops training (the checkpoint stays). */
  readonly onEpoch?: (progress: EpochProgress) => void | Promise<void>;
  /** Called once with the checkpoint's epoch and the restored history when a run resumes, before training continues. */
  readonly onResume?: (epoch: number, history: readonly EpochProgress[]) => void | Promise<void>;
  /** Receives resume information and checkpoint warnings. @default process.emitWarning for warnings */
  readonly logger?: TrainingLogger;
}

/** Outcome of {@link trainMatchModel}. */
export interface TrainingResult {
  /** The model with the BEST epoch's weights; the caller disposes it. Its optimizer is already released. */
  readonly model: tf.LayersModel;
  /** Every epoch, including those run before a resume. */
  readonly history: readonly EpochProgress[];
  /** Epoch whose weights `model` holds (0 only if no epoch produced a finite validation AUC). */
  readonly bestEpoch: number;
  /** True when patience ran out before `params.epochs`. */
  readonly stoppedEarly: boolean;
  /** Epoch of the checkpoint this run resumed from; 0 when it started fresh. */
  readonly resumedFromEpoch: number;
  /** Backend that ran the training (`tf.getBackend()`). */
  readonly backend: string;
}

/**
 * Trains (or resumes training of) the match model.
 *
 * @throws TrainingParamsError on invalid params; TrainingDataError on inconsistent
 *   matrices or a split without both classes;
 *   whatever `onEpoch`/`onResume` throw; an Error when training diverges (NaN predictions)
 */
export async function trainMatchModel(options: TrainMatchModelOptions): Promise<TrainingResult> {
  const { train, validation, checkpointDir } = options;
  const params = parseTrainingParams(options.params);
  validateTrainingInputs(train, validation);
  const classWeight = classWeightsFor(params.classWeighting, train.labels);
  const model = buildMatchModel(train.featureCount, params);
  try {
    const fingerprint = trainingFingerprint(model, params, train, validation);
    const run = await resumeOrStart({ model, fingerprint, checkpointDir, logger: options.logger });
    if (run.resumedFromEpoch > 0) await options.onResume?.(run.resumedFromEpoch, run.history);
    const history = [...run.history];
    let { earlyStopping, finished, stoppedEarly } = run;
    let best: readonly TensorSnapshot[] | undefined = run.best;
    const elapsedBefore = history.at(-1)?.elapsedMs ?? 0;
    const started = performance.now();

    for (let epoch = run.resumedFromEpoch + 1; epoch <= params.epochs && !finished; epoch++) {
      const order = shuffledIndices(train.rowCount, deriveSeed(params.seed, SeedPurpose.Shuffle, epoch));
      reseedDropout(model, params.seed, epoch);
      const loss = await trainEpoch(model, { train, order, batchSize: params.batchSize, classWeight });
      const { valRocAuc, valLoss } = validationScores(
        validation.labels,
        predictProbabilities(model, validation),
        epoch,
      );
      const update = updateEarlyStopping(earlyStopping, epoch, valRocAuc, params);
      earlyStopping = update.state;
      if (update.improved) best = await snapshotModelWeights(model);
      stoppedEarly = update.stop && epoch < params.epochs;
      finished = update.stop || epoch === params.epochs;
      const progress: EpochProgress = {
        epoch,
        maxEpochs: params.epochs,
        loss,
        valLoss,
        valRocAuc,
        bestValRocAuc: earlyStopping.bestValRocAuc ?? Number.NaN,
        bestEpoch: earlyStopping.bestEpoch,
        elapsedMs: elapsedBefore + (performance.now() - started),
      };
      history.push(progress);
      const current = await snapshotModelWeights(model);
      await writeCheckpoint(checkpointDir, {
        formatVersion: CHECKPOINT_FORMAT_VERSION,
        fingerprint,
        epoch,
        finished,
        stoppedEarly,
        earlyStopping,
        history,
        weights: {
          current: encodeTensors(current),
          best: encodeTensors(best ?? current),
          optimizer: encodeTensors(await snapshotOptimizer(model)),
        },
      });
      await options.onEpoch?.(progress);
    }

    if (best !== undefined) restoreModelWeights(model, best);
    // The returned model is for prediction and saving: release Adam's moments
    // now, because model.dispose() does not dispose an optimizer it was given.
    model.optimizer.dispose();
    return {
      model,
      history,
      bestEpoch: earlyStopping.bestEpoch,
      stoppedEarly,
      resumedFromEpoch: run.resumedFromEpoch,
      backend: tf.getBackend(),
    };
  } catch (error) {
    disposeMatchModel(model);
    throw error;
  }
}
