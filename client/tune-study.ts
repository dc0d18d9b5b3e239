/**
 * What the `tune` commands do beyond one Temporal call: extending a finished
 * study (a new run of its workflow ID carrying its trials) and reading the
 * running trials' epochs from their own workflows.
 */
import {
  WorkflowExecutionAlreadyStartedError,
  type Client,
  type WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { tuneWorkflow } from '../workflows';
import {
  extensionInput,
  trialStatusQuery,
  trialWorkflowId,
  type TrialStatus,
  type TuneInput,
  type TuneStatus,
} from '../workflows/tune-messages';
import { CliError } from './errors';

/**
 * Extends a finished study by `count` trials: a new run of the same workflow
 * ID, on the study's task queue, carrying every finished trial and the
 * study's settings (seed, parallelism), so the new trials get the suggestions
 * an uninterrupted study of that many more trials would have made.
 *
 * @throws CliError when the study is running (use `tune add`), did not complete, or would pass the trial limit
 */
export async function extendStudy(
  client: Client,
  workflowId: string,
  count: number,
  requestedBy: string,
): Promise<WorkflowHandleWithFirstExecutionRunId<typeof tuneWorkflow>> {
  const handle = client.workflow.getHandle<typeof tuneWorkflow>(workflowId);
  const description = await handle.describe();
  const status = description.status.name;
  if (status === 'RUNNING')
    throw new CliError(`${workflowId} is still running: add trials with "tune add ${workflowId} ${count}"`);
  if (status !== 'COMPLETED')
    throw new CliError(`${workflowId} ended ${status}; only a completed study can be extended`);
  const result = await handle.result();
  if (!result.settings)
    throw new CliError(
      `${workflowId} finished before studies could be extended (its result has no settings)`,
    );
  let input: TuneInput;
  try {
    input = extensionInput(result, count, requestedBy);
  } catch (error) {
    throw new CliError(`Not extended: ${(error as Error).message}`);
  }
  try {
    return await client.workflow.start<typeof tuneWorkflow>('tuneWorkflow', {
      taskQueue: description.taskQueue,
      workflowId,
      // The finished run is closed: its ID may run again, once (a second concurrent extend is refused).
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      args: [input],
    });
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError)
      throw new CliError(
        `${workflowId} was extended or restarted meanwhile and is running: see "tune status"`,
      );
    throw error;
  }
}

/**
 * The epochs so far of a study's running trials, asked of each trial's
 * workflow (its `status` query), so the study's own history carries no
 * per-epoch events. A trial that has just finished or not started is left out.
 */
export async function runningTrialProgress(client: Client, status: TuneStatus): Promise<TrialStatus[]> {
  if (!status.studyKey) return [];
  const studyKey = status.studyKey;
  const answers = await Promise.all(
    status.running.map((r) =>
      client.workflow
        .getHandle(trialWorkflowId(studyKey, r.number))
        .query(trialStatusQuery)
        .catch(() => undefined),
    ),
  );
  return answers.filter((a): a is TrialStatus => a !== undefined);
}
