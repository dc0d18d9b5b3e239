import { executeChild, proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { NON_RETRYABLE_FAILURE_TYPES } from '../src/core/errors';
import { ALERT_ACTIVITY_OPTIONS } from './alert-activity-options';
import {
  driftCheckStatusQuery,
  type DriftCheckInput,
  type DriftCheckResult,
  type DriftCheckStage,
} from './drift-check-messages';
import { validateDriftCheckInput } from './input-schemas';
import { durationMs } from './payload';
import { launchRetrainWorkflow } from './retrain-launcher';
import { withRunRecord } from './run-record';
import { DatasetMd5Key, DriftShareKey, ModelVersionKey, RequestedByKey } from './search-attributes';

const { checkDrift } = proxyActivities<Activities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});

const { announceDrift } = proxyActivities<Activities>(ALERT_ACTIVITY_OPTIONS);

/** Default for {@link DriftCheckInput.currentPath}. */
export const DEFAULT_CURRENT_DATA = 'data/current_data.csv';

/**
 * The weekly drift check: compares recent production inputs with the snapshot
 * the production model was trained on, writes a JSON result and an HTML report,
 * alerts once per drift episode and, when asked, starts a retrain on the
 * current data (never a second one for the same data or while one runs).
 */
export async function driftCheckWorkflow(raw: DriftCheckInput = {}): Promise<DriftCheckResult> {
  let stage: DriftCheckStage = 'checking';
  setHandler(driftCheckStatusQuery, () => ({ stage }));
  const input = validateDriftCheckInput(raw); // before any work
  const currentPath = input.currentPath ?? DEFAULT_CURRENT_DATA;
  const cooldownMs = durationMs(input.alertCooldown ?? '28 days');
  const requestedBy = input.requestedBy ?? 'unknown';
  const check = await withRunRecord(
    { kind: 'drift', params: { currentPath, requestedBy, driftShare: input.driftShare ?? 0.5 } },
    async () => {
      const found = await checkDrift({
        currentPath,
        ...(input.driftShare !== undefined ? { driftShare: input.driftShare } : {}),
      });
      const { summary } = found;
      return {
        value: found,
        record: {
          metrics: {
            driftShare: summary.share,
            driftedColumns: summary.driftedColumns,
            totalColumns: summary.totalColumns,
            datasetDrift: summary.datasetDrift ? 1 : 0,
          },
          datasetMd5: summary.currentMd5,
          artifacts: { report: summary.reportPath, result: found.jsonPath },
        },
      };
    },
  );
  if (input.recordSearchAttributes !== false) {
    upsertSearchAttributes([
      { key: DriftShareKey, value: check.summary.share },
      { key: ModelVersionKey, value: check.summary.productionVersion },
      { key: DatasetMd5Key, value: check.summary.currentMd5 },
      { key: RequestedByKey, value: requestedBy },
    ]);
  }
  stage = 'alerting';
  const alert = await announceDrift({ summary: check.summary, cooldownMs });
  let retrain: DriftCheckResult['retrain'];
  if (check.summary.datasetDrift && input.retrainOnDrift) {
    stage = 'launching';
    retrain = await executeChild(launchRetrainWorkflow, {
      workflowId: `launch-retrain-for-drift-${check.summary.currentMd5}`,
      args: [
        {
          datasetPath: currentPath,
          requestedBy: 'drift',
          ...(input.recordSearchAttributes === false ? { recordSearchAttributes: false } : {}),
        },
      ],
    });
  }
  stage = 'completed';
  return { summary: check.summary, jsonPath: check.jsonPath, alert, ...(retrain ? { retrain } : {}) };
}
