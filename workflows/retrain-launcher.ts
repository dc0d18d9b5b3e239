import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  ApplicationFailure,
  log,
  ParentClosePolicy,
  patched,
  proxyActivities,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { FailureType, NON_RETRYABLE_FAILURE_TYPES } from '../src/core/errors';
import { launchRetrainInputSchema } from './input-schemas';
import { parseOrRefuse } from './payload';
import { retrainWorkflow } from './retrain';
import {
  LaunchOutcome,
  type LaunchRetrainInput,
  type LaunchRetrainResult,
} from './retrain-launcher-messages';
import { retrainWorkflowId } from './workflow-ids';

const { hashDataset, lookUpRetrains } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});

/**
 * The one way a retrain starts — from the CLI, CI, the monthly schedule and a
 * drift check alike. The worker hashes the dataset it will train on (so the
 * caller needs neither the file nor a shared disk), derives the workflow ID
 * `retrain-<model>-<md5>` from it, and starts the retrain as an abandoned child
 * (it outlives this short workflow and keeps its own approval window) — unless
 * that content was already retrained (the existing one is returned) or another
 * retrain of the model is in progress (refused, with the lock's message, before
 * anything starts). The retrain's own model lock stays the guarantee against a
 * race between two launches.
 *
 * @throws ApplicationFailure InvalidInput when the dataset is not a readable file
 *   inside the data folder, or its md5 is not `expectedDatasetMd5`
 */
export async function launchRetrainWorkflow(raw: LaunchRetrainInput): Promise<LaunchRetrainResult> {
  // Checked before any work; where training runs is the workers' setting, not passed on.
  const { trainingTaskQueue: _ignored, ...input } = parseOrRefuse(launchRetrainInputSchema, raw);
  const { md5 } = await hashDataset({ datasetPath: input.datasetPath });
  if (input.expectedDatasetMd5 !== undefined && input.expectedDatasetMd5 !== md5) {
    throw ApplicationFailure.nonRetryable(
      `${input.datasetPath} on the worker has md5 ${md5}, not ${input.expectedDatasetMd5} as expected: ` +
        'the workers do not have this version of the file (deploy it, then ask again)',
      FailureType.InvalidInput,
    );
  }
  const workflowId = retrainWorkflowId(md5);
  const result = (outcome: LaunchOutcome, extra: Partial<LaunchRetrainResult> = {}): LaunchRetrainResult => ({
    retrainWorkflowId: workflowId,
    datasetMd5: md5,
    started: outcome === LaunchOutcome.Started,
    outcome,
    ...extra,
  });
  // Launches recorded before the check replay without it.
  if (patched('launch-refuses-while-another-retrain-runs')) {
    const found = await lookUpRetrains({ workflowId, taskQueue: workflowInfo().taskQueue });
    if (found.target === 'running' || found.target === 'completed') return result(LaunchOutcome.Exists);
    if (found.otherInProgress) {
      log.warn('Retrain not started: another retrain of the model is in progress', {
        workflowId,
        inProgress: found.otherInProgress.workflowId,
      });
      return result(LaunchOutcome.Refused, {
        reason: found.otherInProgress.message,
        inProgressWorkflowId: found.otherInProgress.workflowId,
      });
    }
  }
  try {
    await startChild(retrainWorkflow, {
      workflowId,
      args: [{ ...input, expectedDatasetMd5: md5 }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    });
    return result(LaunchOutcome.Started);
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return result(LaunchOutcome.Exists);
    throw error;
  }
}
