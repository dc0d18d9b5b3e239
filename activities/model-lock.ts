import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import {
  acquireModelLock,
  readModelLockHolder,
  releaseModelLock,
  retrainInProgressMessage,
  type LockHolder,
} from '../src/registry';
import {
  acquireStoreModelLock,
  readStoreModelLockHolder,
  releaseStoreModelLock,
} from '../src/registry/on-store/model-lock';
import type { ActivityDeps } from './deps';
import { withFailureMapping } from './failures';
import { callingWorkflow } from './workflow-execution';

function currentHolder(): LockHolder {
  const { workflowId, runId } = callingWorkflow();
  return { workflowId, runId, acquiredAt: new Date().toISOString() };
}

/** True while the lock holder's workflow runs; false only when Temporal proves it gone. */
async function isRunning(client: Client, holder: Pick<LockHolder, 'workflowId' | 'runId'>): Promise<boolean> {
  try {
    const description = await client.workflow.getHandle(holder.workflowId, holder.runId).describe();
    return description.status.name === 'RUNNING';
  } catch (error) {
    // Only "no such workflow" (e.g. a lock left from another server's data) proves the
    // holder is gone; an unreachable server must not hand a live lock to someone else.
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

/** A visibility-query string literal (single-quoted, quotes and backslashes escaped). */
function quoted(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** Input of `lookUpRetrains`. */
export interface LookUpRetrainsInput {
  /** The retrain about to be started (`retrain-<model>-<md5>`). */
  readonly workflowId: string;
  /** The task queue this deployment's retrains run on (the launcher's own). */
  readonly taskQueue: string;
}

/** Another retrain of the model that is running. */
export interface RetrainInProgress {
  readonly workflowId: string;
  readonly since: string;
  /** `a retrain of model "matchmaking" is already in progress (workflow …)`. */
  readonly message: string;
}

/** What `lookUpRetrains` found. */
export interface LookUpRetrainsResult {
  /**
   * The retrain with `workflowId`: absent, or its latest run's status. `running` and
   * `completed` block a new run (ID reuse policy "allow duplicate failed only");
   * `ended_unsuccessfully` (failed, terminated, cancelled, timed out) does not.
   */
  readonly target: 'absent' | 'running' | 'completed' | 'ended_unsuccessfully';
  /** Another retrain of the model that runs now, or null. */
  readonly otherInProgress: RetrainInProgress | null;
}

/** Activities that keep retrains of one model from overlapping. */
export function createLockActivities(deps: ActivityDeps) {
  return {
    /** Takes the per-model retrain lock for the calling workflow; fails non-retryably when another live retrain holds it. */
    async acquireModelLock(): Promise<void> {
      const client = Context.current().client;
      const isAlive = (holder: LockHolder) => isRunning(client, holder);
      const { store } = deps.registry;
      await withFailureMapping(() =>
        store
          ? acquireStoreModelLock(store, deps.modelName, currentHolder(), isAlive)
          : acquireModelLock(deps.registry.layout.locksDir, deps.modelName, currentHolder(), isAlive),
      );
    },
    /** Releases the lock if the calling workflow holds it. */
    async releaseModelLock(): Promise<void> {
      const { store } = deps.registry;
      if (store) await releaseStoreModelLock(store, deps.modelName, currentHolder());
      else await releaseModelLock(deps.registry.layout.locksDir, deps.modelName, currentHolder());
    },
    /**
     * What stands in the way of starting the retrain `workflowId`, asked before it
     * is started so that a caller is refused at once instead of being told "started"
     * and the retrain failing on the lock. Another retrain counts when it holds the
     * model lock, or — in the moment between its start and its first activity, before
     * it holds the lock — when Temporal lists it as running on this task queue. The
     * lock itself stays the guarantee: two launches racing past this check still end
     * with one retrain and one lock failure.
     */
    async lookUpRetrains(input: LookUpRetrainsInput): Promise<LookUpRetrainsResult> {
      const client = Context.current().client;
      const target = await describeTarget(client, input.workflowId);
      const { store } = deps.registry;
      const holder = store
        ? await readStoreModelLockHolder(store, deps.modelName)
        : await readModelLockHolder(deps.registry.layout.locksDir, deps.modelName);
      if (holder && holder.workflowId !== input.workflowId && (await isRunning(client, holder))) {
        const message = retrainInProgressMessage(deps.modelName, holder);
        return {
          target,
          otherInProgress: { workflowId: holder.workflowId, since: holder.acquiredAt, message },
        };
      }
      const query =
        `WorkflowType = 'retrainWorkflow' AND ExecutionStatus = 'Running' ` +
        `AND TaskQueue = ${quoted(input.taskQueue)}`;
      for await (const execution of client.workflow.list({ query })) {
        if (execution.workflowId === input.workflowId) continue;
        const running = { workflowId: execution.workflowId, acquiredAt: execution.startTime.toISOString() };
        return {
          target,
          otherInProgress: {
            workflowId: running.workflowId,
            since: running.acquiredAt,
            message: retrainInProgressMessage(deps.modelName, running),
          },
        };
      }
      return { target, otherInProgress: null };
    },
  };
}

async function describeTarget(client: Client, workflowId: string): Promise<LookUpRetrainsResult['target']> {
  try {
    const { status } = await client.workflow.getHandle(workflowId).describe();
    if (status.name === 'RUNNING') return 'running';
    if (status.name === 'COMPLETED') return 'completed';
    return 'ended_unsuccessfully';
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return 'absent';
    throw error;
  }
}
