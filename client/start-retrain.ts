import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { WorkflowFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { TimeoutFailure } from '@temporalio/common';
import { taskQueueFromEnv } from '../src/config/temporal';
import type { launchRetrainWorkflow, retrainWorkflow } from '../workflows';
import {
  LaunchOutcome,
  type LaunchRetrainInput,
  type LaunchRetrainResult,
} from '../workflows/retrain-launcher-messages';
import { MODEL_NAME } from '../src/core/model';
import { validateRetrainInput } from '../workflows/input-schemas';
import { CliError } from './errors';
import { rootCauseMessage } from './failure-chain';

/**
 * How long a launch request waits for a worker. It expires after that (the
 * launch workflow times out), so a retrain never starts by surprise hours later
 * because a worker came back.
 */
export const LAUNCH_TIMEOUT = '2 minutes';

/** The retrain a launch started or found. */
export interface RequestedRetrain extends LaunchRetrainResult {
  readonly outcome: typeof LaunchOutcome.Started | typeof LaunchOutcome.Exists;
  readonly handle: WorkflowHandle<typeof retrainWorkflow>;
}

/**
 * The dataset reference the worker resolves against its project root: a path
 * the caller gave relative to its own folder becomes relative to the project
 * root when it lies inside it (`cd data && … --dataset x.csv` means
 * `data/x.csv`); anything else goes as given, for the worker to resolve and
 * confine. The file is not opened here: it need not exist on this machine.
 */
export function datasetReference(dataset: string, projectRoot: string, cwd: string = process.cwd()): string {
  const relative = path.relative(projectRoot, path.resolve(cwd, dataset));
  const inside = relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`);
  return inside && !path.isAbsolute(relative) ? relative : dataset;
}

/**
 * Checks a retrain's input as the launcher and the retrain will check it, so a
 * bad one is refused before anything connects or starts.
 *
 * @throws CliError "Not started: <field> <problem>"
 */
export function checkRetrainInput(input: LaunchRetrainInput): void {
  try {
    validateRetrainInput(input);
  } catch (error) {
    throw new CliError(`Not started: ${(error as Error).message}`);
  }
}

/**
 * Asks the workers to start a retrain, through the same launcher the schedules
 * and drift checks use: the worker hashes the dataset, and starts
 * `retrain-<model>-<md5>` unless that content was already retrained or another
 * retrain of the model is in progress.
 *
 * @throws CliError "Not started: …" when the launcher refuses (another retrain
 *   in progress, a path that is not a file in the data folder, another md5 than
 *   expected) or no worker takes the request within {@link LAUNCH_TIMEOUT}
 */
export async function requestRetrain(
  client: Client,
  input: LaunchRetrainInput,
  taskQueue: string = taskQueueFromEnv(),
): Promise<RequestedRetrain> {
  checkRetrainInput(input);
  let result: LaunchRetrainResult;
  try {
    result = await client.workflow.execute<typeof launchRetrainWorkflow>('launchRetrainWorkflow', {
      taskQueue,
      workflowId: `launch-retrain-${MODEL_NAME}-${randomUUID()}`,
      args: [input],
      workflowExecutionTimeout: LAUNCH_TIMEOUT,
    });
  } catch (error) {
    if (!(error instanceof WorkflowFailedError)) throw error;
    if (error.cause instanceof TimeoutFailure) {
      throw new CliError(
        `Not started: no worker on task queue "${taskQueue}" took the request within ${LAUNCH_TIMEOUT} ` +
          '(is one running, on that queue and namespace?); the request has expired',
      );
    }
    throw new CliError(`Not started: ${rootCauseMessage(error)}`);
  }
  if (result.outcome === LaunchOutcome.Refused) {
    throw new CliError(`Not started: ${result.reason ?? 'another retrain is in progress'}`);
  }
  return {
    ...result,
    outcome: result.started ? LaunchOutcome.Started : LaunchOutcome.Exists,
    handle: client.workflow.getHandle<typeof retrainWorkflow>(result.retrainWorkflowId),
  };
}
