import { WorkflowFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { retrainWorkflow } from '../workflows';
import { statusQuery, type RetrainStatus } from '../workflows/retrain-messages';
import { CliError } from './errors';
import { runFailedError } from './failure-chain';

/** How long `status` waits for a worker to answer the status query. */
const STATUS_QUERY_DEADLINE_MS = 5_000;

/** A retrain as the CLI finds it: its handle, how its execution stands, and its failure if it ended badly. */
export interface RetrainLookup {
  readonly handle: WorkflowHandle<typeof retrainWorkflow>;
  /** Temporal's execution status: RUNNING, COMPLETED, FAILED, TERMINATED, CANCELLED, TIMED_OUT… */
  readonly execution: string;
  /** Why it ended, when it failed, was terminated, cancelled or timed out. */
  readonly failure?: unknown;
}

/**
 * Finds a retrain by workflow ID, refusing IDs of other workflows (a drift check
 * has no retrain status), and reads how it ended when it is closed.
 *
 * @throws WorkflowNotFoundError when no workflow has the ID
 * @throws CliError when the workflow is not a retrain
 */
export async function lookUpRetrain(client: Client, workflowId: string): Promise<RetrainLookup> {
  const handle = client.workflow.getHandle<typeof retrainWorkflow>(workflowId);
  const description = await handle.describe();
  if (description.type !== 'retrainWorkflow') {
    throw new CliError(`${workflowId} is a ${description.type}, not a retrain`);
  }
  const execution = description.status.name;
  if (execution === 'RUNNING' || execution === 'COMPLETED') return { handle, execution };
  const failure = await handle.result().then(
    () => undefined,
    (error: unknown) => error,
  );
  return { handle, execution, ...(failure === undefined ? {} : { failure }) };
}

/**
 * The retrain's status query, or undefined when no worker answers within a few
 * seconds (a closed workflow is answered by replaying its history on a worker).
 */
export async function queryRetrainStatus(
  client: Client,
  handle: WorkflowHandle<typeof retrainWorkflow>,
): Promise<RetrainStatus | undefined> {
  try {
    return await client.connection.withDeadline(Date.now() + STATUS_QUERY_DEADLINE_MS, () =>
      handle.query(statusQuery),
    );
  } catch {
    return undefined;
  }
}

/** Turns the failure of a followed retrain into the CLI's "failed" report (exit code 2). */
export function asRunFailure(workflowId: string, error: unknown): unknown {
  return error instanceof WorkflowFailedError ? runFailedError('Retrain', workflowId, error) : error;
}
