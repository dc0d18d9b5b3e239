import { ApplicationFailure, msToNumber, type Duration } from '@temporalio/common';
import {
  CancellationScope,
  executeChild,
  proxyActivities,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { DriftCheckInput, DriftCheckResult } from './drift-check-messages';
import { FailureType, NON_RETRYABLE_FAILURE_TYPES } from '../src/core/errors';
import { startMlflowSync } from './mlflow-sync';
import { launchRetrainWorkflow } from './retrain-launcher';
import { DatasetMd5Key, DriftShareKey, ModelVersionKey, RequestedByKey } from './search-attributes';

type Activities = ReturnType<typeof createActivities>;

const { startRunRecord, finishRunRecord } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});

const { checkDrift } = proxyActivities<Activities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});

// A webhook that is down is retried with backoff for up to a day, so the alert
// survives an outage of the receiver; a 4xx answer fails at once (non-retryable).
const { announceDrift } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '1 day',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES,
  },
});

/** Default for {@link DriftCheckInput.currentPath}. */
export const DEFAULT_CURRENT_DATA = 'data/current_data.csv';

/**
 * The weekly drift check: compares recent production inputs with the snapshot
 * the production model was trained on, writes a JSON result and an HTML report,
 * alerts once per drift episode and, when asked, starts a retrain on the
 * current data (never a second one for the same data or while one runs).
 */
export async function driftCheckWorkflow(input: DriftCheckInput = {}): Promise<DriftCheckResult> {
  const currentPath = input.currentPath ?? DEFAULT_CURRENT_DATA;
  const cooldownMs = durationMs(input.alertCooldown ?? '28 days', 'alertCooldown');
  const recordId = await startRunRecord({
    kind: 'drift',
    startedAt: new Date(workflowInfo().startTime).toISOString(),
    params: { currentPath, requestedBy: input.requestedBy ?? 'unknown', driftShare: input.driftShare ?? 0.5 },
  });
  let check: Awaited<ReturnType<typeof checkDrift>>;
  try {
    check = await checkDrift({
      currentPath,
      ...(input.driftShare !== undefined ? { driftShare: input.driftShare } : {}),
    });
  } catch (error) {
    await CancellationScope.nonCancellable(() => finishRunRecord({ id: recordId, status: 'failed' }));
    await startMlflowSync(recordId);
    throw error;
  }
  await finishRunRecord({
    id: recordId,
    status: 'completed',
    metrics: {
      driftShare: check.summary.share,
      driftedColumns: check.summary.driftedColumns,
      totalColumns: check.summary.totalColumns,
      datasetDrift: check.summary.datasetDrift ? 1 : 0,
    },
    datasetMd5: check.summary.currentMd5,
    artifacts: { report: check.summary.reportPath, result: check.jsonPath },
  });
  await startMlflowSync(recordId);
  if (input.recordSearchAttributes !== false) {
    upsertSearchAttributes([
      { key: DriftShareKey, value: check.summary.share },
      { key: ModelVersionKey, value: check.summary.productionVersion },
      { key: DatasetMd5Key, value: check.summary.currentMd5 },
      { key: RequestedByKey, value: input.requestedBy ?? 'unknown' },
    ]);
  }
  const alert = await announceDrift({ summary: check.summary, cooldownMs });
  let retrain: DriftCheckResult['retrain'];
  if (check.summary.datasetDrift && input.retrainOnDrift) {
    retrain = await executeChild(launchRetrainWorkflow, {
      workflowId: `launch-retrain-for-drift-${check.summary.currentMd5}`,
      args: [
        {
          datasetPath: currentPath,
          requestedBy: 'drift',
          ...(input.trainingTaskQueue ? { trainingTaskQueue: input.trainingTaskQueue } : {}),
          ...(input.recordSearchAttributes === false ? { recordSearchAttributes: false } : {}),
        },
      ],
    });
  }
  return { summary: check.summary, jsonPath: check.jsonPath, alert, ...(retrain ? { retrain } : {}) };
}

/** Milliseconds in a duration like '28 days'; bad input fails the workflow at once, not its task forever. */
function durationMs(text: string, field: string): number {
  try {
    const ms = msToNumber(text as Duration);
    if (Number.isFinite(ms) && ms >= 0) return ms;
  } catch {
    // fall through
  }
  throw ApplicationFailure.nonRetryable(
    `${field} "${text}" is not a duration like "28 days"`,
    FailureType.InvalidInput,
  );
}
