import { CancellationScope, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { FinishRunRecordInput, StartRunRecordInput } from '../activities/tracking';
import { NON_RETRYABLE_FAILURE_TYPES } from '../src/core/errors';
import { keepTrying, PERSISTENT_ROUND } from './keep-trying';
import { startMlflowSync } from './mlflow-sync';

const records = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});

const persistentRecords = proxyActivities<Activities>(PERSISTENT_ROUND);

/** How a run's body ended: what to return, and what to write into its record. */
export interface RunCompletion<T> {
  readonly value: T;
  readonly record: Omit<FinishRunRecordInput, 'id' | 'status'>;
  /**
   * Keep trying to write the record until it is written (alerting while it
   * fails) instead of failing the workflow: for records of a change that
   * already happened, such as a production switch.
   */
  readonly mustRecord?: boolean;
  /** Told why writing the record keeps failing (with `mustRecord`). */
  readonly onTrouble?: (message: string) => void;
  /** Called once the record is written and mirrored (the status then says completed). */
  readonly afterRecord?: () => void;
}

/**
 * Runs `body` inside a run record: the record is started first, finished as
 * `completed` with what the body returns, or as `failed` when it throws (also
 * on cancellation), and mirrored to MLflow either way.
 *
 * @example
 * return withRunRecord({ kind: 'drift', params }, async (recordId) => ({ value, record: { metrics } }));
 */
export async function withRunRecord<T>(
  start: Omit<StartRunRecordInput, 'startedAt'>,
  body: (recordId: string) => Promise<RunCompletion<T>>,
): Promise<T> {
  const id = await records.startRunRecord({
    ...start,
    startedAt: new Date(workflowInfo().startTime).toISOString(),
  });
  let completion: RunCompletion<T>;
  try {
    completion = await body(id);
  } catch (error) {
    await CancellationScope.nonCancellable(() => records.finishRunRecord({ id, status: 'failed' }));
    await startMlflowSync(id);
    throw error;
  }
  const finish = { id, status: 'completed' as const, ...completion.record };
  if (completion.mustRecord) {
    await keepTrying(() => persistentRecords.finishRunRecord(finish), {
      what: `recording the run ${id}`,
      ...(completion.onTrouble ? { onTrouble: completion.onTrouble } : {}),
    });
  } else {
    await records.finishRunRecord(finish);
  }
  await startMlflowSync(id);
  completion.afterRecord?.();
  return completion.value;
}
