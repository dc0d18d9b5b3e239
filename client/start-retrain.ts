import path from 'node:path';
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { hashFile } from '../src/data';
import { taskQueueFromEnv } from '../src/config/temporal';
import type { retrainWorkflow } from '../workflows';
import { validateRetrainInput } from '../workflows/input-schemas';
import type { RetrainInput } from '../workflows/retrain-messages';
import { retrainWorkflowId } from '../workflows/workflow-ids';

/** Options for {@link startRetrain}. */
export interface StartRetrainOptions extends Omit<RetrainInput, 'datasetPath' | 'expectedDatasetMd5'> {
  /** The dataset file as the caller names it (relative to `cwd` or absolute). */
  readonly dataset: string;
  /** Project root the worker resolves relative paths against. */
  readonly projectRoot: string;
  readonly cwd?: string;
  /** @default taskQueueFromEnv() */
  readonly taskQueue?: string;
}

/** The started (or already existing) retrain. */
export interface StartedRetrain {
  readonly workflowId: string;
  readonly datasetMd5: string;
  /** False when a retrain for this exact dataset content already ran or is running. */
  readonly started: boolean;
  readonly handle: WorkflowHandle<typeof retrainWorkflow>;
}

/**
 * Starts a retrain for a dataset, idempotently: the workflow ID comes from the
 * file's md5, the ID reuse policy allows a new run only after a failed one, and
 * a conflict returns the existing run instead of starting a second.
 */
export async function startRetrain(client: Client, options: StartRetrainOptions): Promise<StartedRetrain> {
  const { dataset, projectRoot, cwd = process.cwd(), taskQueue = taskQueueFromEnv(), ...rest } = options;
  // The input is checked as the workflow will check it, before the file is even read.
  validateRetrainInput({ ...rest, datasetPath: dataset });
  const absolute = path.resolve(cwd, dataset);
  const { md5 } = await hashFile(absolute);
  const relative = path.relative(projectRoot, absolute);
  const datasetPath = relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
  const workflowId = retrainWorkflowId(md5);
  // Where training runs is the workers' setting (MLOPS_TRAINING_TASK_QUEUE), read by the workflow.
  const input: RetrainInput = { ...rest, datasetPath, expectedDatasetMd5: md5 };
  try {
    const handle = await client.workflow.start<typeof retrainWorkflow>('retrainWorkflow', {
      taskQueue,
      workflowId,
      args: [input],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      workflowIdConflictPolicy: 'FAIL',
    });
    return { workflowId, datasetMd5: md5, started: true, handle };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    return { workflowId, datasetMd5: md5, started: false, handle: client.workflow.getHandle(workflowId) };
  }
}
