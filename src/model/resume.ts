/**
 * Start-up of a training run: resume from a compatible checkpoint or start
 * fresh.
 *
 * Policy for a checkpoint that cannot be used:
 * - unreadable (not JSON, wrong schema, weight checksum mismatch): warn, rename
 *   it to `checkpoint.json.corrupt` for inspection, and start from epoch 0.
 *   Training is deterministic, so this costs time but never correctness; an
 *   error instead would fail every retry of the activity on the same file.
 * - another run's (fingerprint differs: other params, architecture or data):
 *   warn and start from epoch 0; the first new checkpoint replaces it.
 */
import type * as tf from '@tensorflow/tfjs';
import { readCheckpoint, setAsideCheckpoint } from './checkpoint';
import { INITIAL_EARLY_STOPPING, type EarlyStoppingState } from './early-stopping';
import type { EpochProgress } from './epoch-progress';
import { checkOptimizerSnapshot, restoreOptimizer } from './optimizer-state';
import { decodeTensors, restoreModelWeights, type TensorSnapshot } from './weight-snapshot';

/** The part of a pino logger the trainer uses. */
export interface TrainingLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Where a run starts. */
export interface RunStart {
  /** Checkpoint epoch, or 0 for a fresh start. */
  readonly resumedFromEpoch: number;
  readonly history: readonly EpochProgress[];
  readonly earlyStopping: EarlyStoppingState;
  readonly finished: boolean;
  readonly stoppedEarly: boolean;
  /** Best weights so far, when an epoch has improved. */
  readonly best: readonly TensorSnapshot[] | undefined;
}

const FRESH: RunStart = {
  resumedFromEpoch: 0,
  history: [],
  earlyStopping: INITIAL_EARLY_STOPPING,
  finished: false,
  stoppedEarly: false,
  best: undefined,
};

function warn(logger: TrainingLogger | undefined, details: object, msg: string): void {
  if (logger) logger.warn(details, msg);
  else process.emitWarning(`${msg} ${JSON.stringify(details)}`, { code: 'MATCH_MODEL_CHECKPOINT' });
}

/**
 * Restores `model` (weights and optimizer state) from `<checkpointDir>/checkpoint.json`
 * when its fingerprint matches, else leaves the freshly initialised model alone.
 */
export async function resumeOrStart(options: {
  model: tf.LayersModel;
  fingerprint: string;
  checkpointDir: string;
  logger: TrainingLogger | undefined;
}): Promise<RunStart> {
  const { model, checkpointDir, logger } = options;
  const lookup = await readCheckpoint(checkpointDir);
  if (lookup.kind === 'none') return FRESH;

  const discard = async (reason: string): Promise<RunStart> => {
    const movedTo = await setAsideCheckpoint(checkpointDir).catch(() => undefined);
    warn(logger, { checkpointDir, reason, movedTo }, 'checkpoint unreadable; training starts from epoch 0');
    return FRESH;
  };
  if (lookup.kind === 'unreadable') return discard(lookup.reason);

  const checkpoint = lookup.checkpoint;
  if (checkpoint.fingerprint !== options.fingerprint) {
    warn(
      logger,
      { checkpointDir, checkpointEpoch: checkpoint.epoch },
      'checkpoint belongs to another run (params, architecture or data differ); training starts from epoch 0',
    );
    return FRESH;
  }
  let decoded: { current: TensorSnapshot[]; best: TensorSnapshot[]; optimizer: TensorSnapshot[] };
  try {
    // Decode (and verify checksums of) everything before touching the model, so a
    // bad file leaves the seeded initial weights intact for the fresh start.
    decoded = {
      current: decodeTensors(checkpoint.weights.current),
      best: decodeTensors(checkpoint.weights.best),
      optimizer: decodeTensors(checkpoint.weights.optimizer),
    };
    checkOptimizerSnapshot(model, decoded.optimizer);
  } catch (error) {
    return discard(`weights: ${(error as Error).message}`);
  }
  restoreModelWeights(model, decoded.current);
  await restoreOptimizer(model, decoded.optimizer);
  logger?.info(
    { checkpointDir, epoch: checkpoint.epoch, finished: checkpoint.finished },
    'resuming training from checkpoint',
  );
  return {
    resumedFromEpoch: checkpoint.epoch,
    history: checkpoint.history,
    earlyStopping: checkpoint.earlyStopping,
    finished: checkpoint.finished,
    stoppedEarly: checkpoint.stoppedEarly,
    best: checkpoint.earlyStopping.bestEpoch > 0 ? decoded.best : undefined,
  };
}
