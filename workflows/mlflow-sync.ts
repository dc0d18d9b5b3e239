import {
  CancellationScope,
  log,
  ParentClosePolicy,
  patched,
  proxyActivities,
  proxyLocalActivities,
  startChild,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { SyncRunToMlflowResult } from '../activities/mlflow';
import { mlflowSyncInputSchema } from './input-schemas';
import { parseOrRefuse } from './payload';

// MLflow may be down for a deploy or a night: retried with backoff for up to a
// day. Only the sync waits for it; the pipeline run that started it has moved on.
// The activity heartbeats every 5 s, so one caught on a killed worker is retried
// after 30 s rather than after the start-to-close timeout.
const { syncRunToMlflow } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '30 seconds',
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

// The worker's setting (MLFLOW_TRACKING_URI), asked for without a task-queue round trip.
const { mlflowSyncEnabled } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});

/** Input of {@link mlflowSyncWorkflow}. */
export interface MlflowSyncInput {
  /** The run record to mirror (`tracking/runs/<recordId>.json`). */
  readonly recordId: string;
}

/** Patch id guarding the sync in workflows whose histories predate it (replays and queries of old runs). */
export const MLFLOW_SYNC_PATCH = 'mlflow-sync';

/** Workflow ID of the sync of one run record: one sync per record, never two at once. */
export function mlflowSyncWorkflowId(recordId: string): string {
  return `mlflow-sync-${recordId}`;
}

/**
 * Mirrors one run record to the MLflow tracking server the worker is
 * configured with (params, metrics, per-epoch history, tags, status; on
 * promotion a registered model version with the `champion` alias). Started by
 * {@link startMlflowSync}; retries for up to a day while MLflow is unreachable.
 */
export async function mlflowSyncWorkflow(input: MlflowSyncInput): Promise<SyncRunToMlflowResult> {
  const { recordId } = parseOrRefuse(mlflowSyncInputSchema, input);
  return syncRunToMlflow({ recordId });
}

/**
 * Starts the MLflow sync of a finished run record as an abandoned child
 * workflow, when the worker has MLflow configured; call it right after
 * `finishRunRecord` (on success and on failure). It never throws and never
 * waits for MLflow — only for Temporal to start the child — and it is not
 * interrupted by the caller's cancellation, since the record is final by then.
 * A sync that cannot start is logged and the caller goes on.
 *
 * @returns whether a sync was started
 * @example await startMlflowSync(recordId);
 */
export async function startMlflowSync(recordId: string): Promise<boolean> {
  return CancellationScope.nonCancellable(async () => {
    if (!patched(MLFLOW_SYNC_PATCH)) return false;
    try {
      if (!(await mlflowSyncEnabled())) return false;
      await startChild(mlflowSyncWorkflow, {
        workflowId: mlflowSyncWorkflowId(recordId),
        args: [{ recordId }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      return true;
    } catch (error) {
      log.warn('Could not start the MLflow sync; the run is recorded locally but not mirrored', {
        recordId,
        error: error instanceof Error ? error.message : String(error),
      });
      return false;
    }
  });
}
