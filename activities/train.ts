import path from 'node:path';
import { CancelledFailure, Context } from '@temporalio/activity';
import { trainCandidate, type TrainCandidateResult } from '../src/pipeline/train-candidate';
import type { TrainingParams } from '../src/model';
import { workflowScratchDir } from '../src/config/scratch-dir';
import { versionName } from '../src/registry';
import { TRAINING_PROGRESS_SIGNAL } from '../src/core/signals';
import type { TrainingProgress } from '../workflows/retrain-messages';
import type { ActivityDeps } from './deps';
import { withFailureMapping } from './failures';
import { dropCheckpoint, restoreCheckpoint, saveCheckpoint } from './checkpoint-sync';
import { ensureLocalSnapshot } from './snapshot-cache';
import { callingWorkflow } from './workflow-execution';

/** Input of `trainCandidate`: references only, never data. */
export interface TrainCandidateInput {
  readonly datasetMd5: string;
  /** When the retrain started; names the version, so every attempt publishes the same one. */
  readonly startedAt: string;
  readonly params?: Partial<TrainingParams>;
  /** Run record that receives per-epoch metrics. */
  readonly runRecordId?: string;
}

/** Training activities. */
export function createTrainActivities(deps: ActivityDeps) {
  return {
    /**
     * Trains and publishes a candidate. Heartbeats every epoch with the progress
     * and sends it to the workflow for its `status` query; checkpoints every
     * epoch under `work/<workflowId>/checkpoint` (the ID made one safe folder name) and, with a shared
     * store, in the store too, so an attempt on a new worker — on another machine — after this one died
     * resumes where it stopped.
     */
    async trainCandidate(input: TrainCandidateInput): Promise<TrainCandidateResult> {
      const context = Context.current();
      const { attempt } = context.info;
      const workflowExecution = callingWorkflow();
      const workflow = context.client.workflow.getHandle(workflowExecution.workflowId);
      const version = versionName(new Date(input.startedAt), input.datasetMd5);
      const log = deps.logger.child({ workflowId: workflowExecution.workflowId, version, attempt });
      const checkpointDir = path.join(
        workflowScratchDir(deps.paths.workDir, workflowExecution.workflowId),
        'checkpoint',
      );
      return withFailureMapping(async () => {
        await ensureLocalSnapshot(deps, input.datasetMd5);
        await restoreCheckpoint(deps, workflowExecution.workflowId, checkpointDir);
        const result = await trainCandidate({
          registry: deps.registry,
          snapshotsDir: deps.paths.snapshotsDir,
          datasetMd5: input.datasetMd5,
          version,
          ...(input.params ? { params: input.params } : {}),
          checkpointDir,
          run: { workflowId: workflowExecution.workflowId, runId: workflowExecution.runId },
          logger: log,
          onEpoch: async (epoch, resumedFromEpoch) => {
            const progress: TrainingProgress = {
              epoch: epoch.epoch,
              maxEpochs: epoch.maxEpochs,
              loss: epoch.loss,
              valLoss: epoch.valLoss,
              valRocAuc: epoch.valRocAuc,
              bestValRocAuc: epoch.bestValRocAuc,
              bestEpoch: epoch.bestEpoch,
              resumedFromEpoch,
            };
            context.heartbeat(progress);
            if (input.runRecordId) {
              await deps.runStore
                .logEpoch(input.runRecordId, {
                  epoch: epoch.epoch,
                  loss: epoch.loss,
                  valLoss: epoch.valLoss,
                  ...(epoch.valRocAuc !== null ? { valRocAuc: epoch.valRocAuc } : {}),
                })
                .catch((error: unknown) => log.warn({ err: error }, 'could not record epoch metrics'));
            }
            // The checkpoint of this epoch is on disk now: share it, so another machine can resume.
            await saveCheckpoint(deps, workflowExecution.workflowId, checkpointDir).catch((error: unknown) =>
              log.warn({ err: error }, 'could not upload the training checkpoint'),
            );
            log.info(progress, 'epoch done');
            // Progress for the status query; losing one update is harmless.
            await workflow
              .signal<[TrainingProgress]>(TRAINING_PROGRESS_SIGNAL, progress)
              .catch((error: unknown) => {
                log.warn({ err: error }, 'could not send training progress to the workflow');
              });
            if (context.cancellationSignal.aborted) throw new CancelledFailure('training cancelled');
          },
        });
        await dropCheckpoint(deps, workflowExecution.workflowId);
        return result;
      });
    },
  };
}
