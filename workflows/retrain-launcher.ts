import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, proxyActivities, startChild } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { NON_RETRYABLE_FAILURE_TYPES } from '../src/core/errors';
import { launchRetrainInputSchema } from './input-schemas';
import { parseOrRefuse } from './payload';
import { retrainWorkflow } from './retrain';
import type { RetrainInput } from './retrain-messages';
import { retrainWorkflowId } from './workflow-ids';

const { hashDataset } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});

/** Input of {@link launchRetrainWorkflow}: a retrain's input without the md5, which the launcher computes. */
export type LaunchRetrainInput = Omit<RetrainInput, 'expectedDatasetMd5'>;

/** What the launcher did. */
export interface LaunchRetrainResult {
  readonly retrainWorkflowId: string;
  readonly datasetMd5: string;
  /** False when a retrain of this exact dataset content already ran or is running. */
  readonly started: boolean;
}

/**
 * Starts a retrain for a dataset the same way the CLI and CI do — with the
 * workflow ID derived from the file's md5 — for callers that live inside
 * Temporal: the monthly schedule and drift checks that close the loop. The
 * retrain runs as an abandoned child, so it outlives this short workflow and
 * keeps its own approval window.
 */
export async function launchRetrainWorkflow(raw: LaunchRetrainInput): Promise<LaunchRetrainResult> {
  // Checked before any work; where training runs is the workers' setting, not passed on.
  const { trainingTaskQueue: _ignored, ...input } = parseOrRefuse(launchRetrainInputSchema, raw);
  const { md5 } = await hashDataset({ datasetPath: input.datasetPath });
  const workflowId = retrainWorkflowId(md5);
  try {
    await startChild(retrainWorkflow, {
      workflowId,
      args: [{ ...input, expectedDatasetMd5: md5 }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    });
    return { retrainWorkflowId: workflowId, datasetMd5: md5, started: true };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) {
      return { retrainWorkflowId: workflowId, datasetMd5: md5, started: false };
    }
    throw error;
  }
}
