import { ApplicationFailure, msToNumber, type Duration } from '@temporalio/common';
import { CancellationScope, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { PeriodAlert } from '../src/monitoring/period/period-record';
import { FailureType, NON_RETRYABLE_FAILURE_TYPES } from '../src/core/errors';
import { ALERT_ACTIVITY_OPTIONS } from './alert-activity-options';
import { validateMonitoringInput } from './input-schemas';
import { startMlflowSync } from './mlflow-sync';
import type { MonitoringInput, MonitoringResult } from './monitoring-messages';

const { startRunRecord, finishRunRecord, publishMonitoringPeriod } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});

const { measureMonitoringPeriod } = proxyActivities<Activities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '5 minutes',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});

const { announceDrift, announceDegradation } = proxyActivities<Activities>(ALERT_ACTIVITY_OPTIONS);

function invalid(message: string): never {
  throw ApplicationFailure.nonRetryable(message, FailureType.InvalidInput);
}

function durationMs(text: string, field: string): number {
  try {
    const ms = msToNumber(text as Duration);
    if (Number.isFinite(ms) && ms > 0) return ms;
  } catch {
    // fall through
  }
  return invalid(`${field} "${text}" is not a duration like "7 days"`);
}

function isoTime(text: string, field: string): number {
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : invalid(`${field} "${text}" is not an ISO 8601 time`);
}

/** Checks the caller's input; nothing a caller sends may throw anything but a non-retryable failure. */
function resolveInput(input: MonitoringInput) {
  const endMs =
    input.periodEnd !== undefined
      ? isoTime(input.periodEnd, 'periodEnd')
      : workflowInfo().startTime.getTime();
  const startMs =
    input.periodStart !== undefined
      ? isoTime(input.periodStart, 'periodStart')
      : endMs - durationMs(input.period ?? '7 days', 'period');
  if (!(startMs < endMs)) invalid('periodStart must be before periodEnd');
  const minRows = input.minRows ?? 200;
  if (!Number.isInteger(minRows) || minRows < 1)
    invalid(`minRows must be a positive integer, got ${minRows}`);
  const share = input.driftShare;
  if (share !== undefined && !(share >= 0 && share <= 1))
    invalid(`driftShare must be in [0, 1], got ${share}`);
  const d = input.degradation ?? {};
  if (d.maxRelativeDrop !== undefined && !(d.maxRelativeDrop > 0 && d.maxRelativeDrop < 1))
    invalid(`degradation.maxRelativeDrop must be in (0, 1), got ${d.maxRelativeDrop}`);
  if (d.minSamples !== undefined && !(Number.isInteger(d.minSamples) && d.minSamples >= 1))
    invalid(`degradation.minSamples must be a positive integer, got ${d.minSamples}`);
  const metrics = ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'prAuc', 'logLoss'];
  if (d.metric !== undefined && !metrics.includes(d.metric))
    invalid(`degradation.metric must be one of ${metrics.join(', ')}, got "${d.metric}"`);
  return {
    start: new Date(startMs).toISOString(),
    end: new Date(endMs).toISOString(),
    minRows,
    cooldownMs: durationMs(input.alertCooldown ?? '28 days', 'alertCooldown'),
  };
}

/**
 * Production monitoring for one period (weekly on the schedule): drift of the
 * logged production inputs against the training snapshot, CBPE-estimated and
 * realized performance, traffic and latency, written as one period record;
 * drift and degradation alerts once per episode; the dashboard redrawn.
 */
export async function monitoringWorkflow(raw: MonitoringInput = {}): Promise<MonitoringResult> {
  // Types first (a null or an object where a number belongs must not throw in workflow code), then ranges.
  const input = validateMonitoringInput(raw);
  const { start, end, minRows, cooldownMs } = resolveInput(input);
  const recordId = await startRunRecord({
    kind: 'monitoring',
    startedAt: new Date(workflowInfo().startTime).toISOString(),
    params: { periodStart: start, periodEnd: end, minRows, requestedBy: input.requestedBy ?? 'unknown' },
  });
  let measured: Awaited<ReturnType<typeof measureMonitoringPeriod>>;
  try {
    measured = await measureMonitoringPeriod({
      start,
      end,
      minRows,
      ...(input.driftShare !== undefined ? { driftShare: input.driftShare } : {}),
      ...(input.degradation ? { degradationRule: input.degradation } : {}),
    });
  } catch (error) {
    await CancellationScope.nonCancellable(() => finishRunRecord({ id: recordId, status: 'failed' }));
    await startMlflowSync(recordId);
    throw error;
  }
  const alerts: PeriodAlert[] = [];
  let driftAlert: MonitoringResult['driftAlert'] = null;
  // "Not enough traffic" says nothing about drift: the episode neither starts nor ends.
  if (measured.drift) {
    driftAlert = await announceDrift({ summary: measured.drift, cooldownMs });
    if (measured.drift.datasetDrift)
      alerts.push({
        kind: 'drift',
        sent: driftAlert.sent,
        reason: `${driftAlert.reason}: ${measured.drift.driftedColumnNames.join(', ')}`,
      });
  }
  const performanceAlert = await announceDegradation({
    status: measured.degradationStatus,
    summary: measured.degradation,
    cooldownMs,
  });
  if (measured.degradation) {
    const d = measured.degradation;
    alerts.push({
      kind: 'performance',
      sent: performanceAlert.sent,
      reason: `${performanceAlert.reason}: ${d.metric} ${d.realized.toFixed(3)} vs ${d.baseline.toFixed(3)} at promotion`,
    });
  }
  const { dashboardPath } = await publishMonitoringPeriod({ recordPath: measured.recordPath, alerts });
  await finishRunRecord({
    id: recordId,
    status: 'completed',
    metrics: { ...measured.metrics, alerts: alerts.length },
    ...(measured.productionVersion ? { modelVersion: measured.productionVersion } : {}),
    decision: alerts.length > 0 ? alerts.map((a) => a.kind).join('+') : 'no_alert',
    artifacts: { record: measured.recordPath, dashboard: dashboardPath },
  });
  await startMlflowSync(recordId);
  return {
    period: { start, end },
    recordPath: measured.recordPath,
    dashboardPath,
    productionVersion: measured.productionVersion,
    drift: { status: measured.driftStatus, datasetDrift: measured.drift?.datasetDrift ?? false },
    degradation: measured.degradationStatus,
    driftAlert,
    performanceAlert,
  };
}
