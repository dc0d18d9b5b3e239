/**
 * One trial of a study, as a child workflow: a run record (child of the
 * study's), the training activity on the training task queue, and the median
 * pruner on each epoch's validation ROC AUC as the activity reports it. When
 * the pruner says stop, the trial cancels its training. The trial's outcome is
 * decided by `firstPrunedStep` over its epochs, so it is the same whether the
 * progress arrived in time to cancel or only with the result.
 */
import {
  ActivityCancellationType,
  CancellationScope,
  isCancellation,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Duration } from '@temporalio/common';
import type { createActivities } from '../activities';
import { NON_RETRYABLE_FAILURE_TYPES } from '../src/core/errors';
import { firstPrunedStep, shouldPrune } from '../src/tuning/median-pruner';
import { TrialState, type FinishedTrial } from '../src/tuning/trial-record';
import { startMlflowSync } from './mlflow-sync';
import { trialProgressSignal, trialStatusQuery, type TrialInput, type TrialStatus } from './tune-messages';

type Activities = ReturnType<typeof createActivities>;

// The run record's start and finish: quick writes. A short timeout means one caught on a worker
// that dies is retried elsewhere within a minute, not after ten, so the study does not stall.
const light = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});

/** A finished trial and where its model is (for the study's final comparison). */
export interface TrialResult extends FinishedTrial {
  readonly dir?: string;
  readonly recordId: string;
}

/** Runs one trial: train, prune on the way, record. Never throws for a failed training: the trial is `failed`. */
export async function tuneTrialWorkflow(input: TrialInput): Promise<TrialResult> {
  const seen: (number | null)[] = [];
  let prunedAt: number | null = null;
  let stage: TrialStatus['stage'] = 'training';
  let maxEpochs: number | undefined;
  const scope = new CancellationScope();
  // Handlers before the first await, so a status query never meets an unknown name.
  setHandler(trialStatusQuery, (): TrialStatus => ({
    number: input.number,
    stage,
    epoch: seen.length,
    ...(maxEpochs !== undefined ? { maxEpochs } : {}),
    intermediate: Array.from(seen, (v) => v ?? null),
    ...(prunedAt !== null ? { prunedAt } : {}),
  }));
  setHandler(trialProgressSignal, (p) => {
    if (!Number.isInteger(p?.epoch) || p.epoch < 1 || p.epoch > 10_000) return;
    if (Number.isInteger(p.maxEpochs) && p.maxEpochs >= 1 && p.maxEpochs <= 10_000) maxEpochs = p.maxEpochs;
    if (seen[p.epoch - 1] === undefined)
      seen[p.epoch - 1] = typeof p.valRocAuc === 'number' ? p.valRocAuc : null;
    // Judge only a gap-free prefix (a resumed attempt may resend earlier epochs).
    if (prunedAt !== null || !input.pruner || seen.length !== p.epoch || seen.includes(undefined as never))
      return;
    if (shouldPrune(seen, input.reference, input.pruner)) {
      prunedAt = p.epoch;
      log.info('Trial pruned', { trial: input.number, step: p.epoch });
      scope.cancel();
    }
  });
  const recordId = await light.startRunRecord({
    kind: 'trial',
    startedAt: input.startedAt,
    parentId: input.studyRecordId,
    params: { trial: input.number, ...input.params, ...input.trainingParams },
  });
  const training = proxyActivities<Activities>({
    ...(input.trainingTaskQueue ? { taskQueue: input.trainingTaskQueue } : {}),
    startToCloseTimeout: '4 hours',
    heartbeatTimeout: (input.trainingHeartbeatTimeout ?? '1 minute') as Duration,
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    retry: { maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
  });
  let trial: TrialResult;
  try {
    const result = await scope.run(() =>
      training.trainTrial({
        studyKey: input.studyKey,
        number: input.number,
        datasetMd5: input.datasetMd5,
        params: input.trainingParams,
      }),
    );
    const step = input.pruner ? firstPrunedStep(result.intermediate, input.reference, input.pruner) : null;
    trial =
      step === null && result.bestValidationRocAuc !== null
        ? {
            number: input.number,
            state: TrialState.Complete,
            params: input.params,
            value: result.bestValidationRocAuc,
            intermediate: result.intermediate,
            dir: result.dir,
            recordId,
          }
        : {
            number: input.number,
            state: step === null ? TrialState.Failed : TrialState.Pruned,
            params: input.params,
            intermediate: step === null ? result.intermediate : result.intermediate.slice(0, step),
            recordId,
          };
  } catch (error) {
    if (prunedAt !== null && isCancellation(error)) {
      trial = {
        number: input.number,
        state: TrialState.Pruned,
        params: input.params,
        intermediate: seen.slice(0, prunedAt),
        recordId,
      };
    } else {
      log.warn('Trial failed', { trial: input.number, error: String(error) });
      trial = {
        number: input.number,
        state: TrialState.Failed,
        params: input.params,
        intermediate: Array.from(seen, (v) => v ?? null),
        recordId,
      };
    }
  }
  stage = 'recording';
  const last = trial.intermediate.filter((v): v is number => typeof v === 'number').at(-1);
  await light.finishRunRecord({
    id: recordId,
    status: trial.state === TrialState.Failed ? 'failed' : 'completed',
    decision: trial.state,
    datasetMd5: input.datasetMd5,
    metrics: {
      epochs: trial.intermediate.length,
      ...(trial.value !== undefined ? { bestValRocAuc: trial.value } : {}),
      ...(last !== undefined ? { lastValRocAuc: last } : {}),
    },
    ...(trial.dir ? { artifacts: { model: trial.dir } } : {}),
  });
  await startMlflowSync(recordId);
  stage = 'finished';
  log.info('Trial finished', {
    trial: input.number,
    state: trial.state,
    workflowId: workflowInfo().workflowId,
  });
  return trial;
}
