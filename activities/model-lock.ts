import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import { acquireModelLock, releaseModelLock, type LockHolder } from '../src/registry';
import type { ActivityDeps } from './deps';
import { withFailureMapping } from './failures';
import { callingWorkflow } from './workflow-execution';

function currentHolder(): LockHolder {
  const { workflowId, runId } = callingWorkflow();
  return { workflowId, runId, acquiredAt: new Date().toISOString() };
}

/** Activities that keep retrains of one model from overlapping. */
export function createLockActivities(deps: ActivityDeps) {
  return {
    /** Takes the per-model retrain lock for the calling workflow; fails non-retryably when another live retrain holds it. */
    async acquireModelLock(): Promise<void> {
      const client = Context.current().client;
      await withFailureMapping(() =>
        acquireModelLock(deps.registry.layout.locksDir, deps.modelName, currentHolder(), async (holder) => {
          try {
            const description = await client.workflow.getHandle(holder.workflowId, holder.runId).describe();
            return description.status.name === 'RUNNING';
          } catch (error) {
            // Only "no such workflow" (e.g. a lock left from another server's data) proves the
            // holder is gone; an unreachable server must not hand a live lock to someone else.
            if (error instanceof WorkflowNotFoundError) return false;
            throw error;
          }
        }),
      );
    },
    /** Releases the lock if the calling workflow holds it. */
    async releaseModelLock(): Promise<void> {
      await releaseModelLock(deps.registry.layout.locksDir, deps.modelName, currentHolder());
    },
  };
}
