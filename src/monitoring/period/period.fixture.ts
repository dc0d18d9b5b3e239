/** Synthetic monitoring period records for the dashboard tests: 12 weeks, a version change, drift and a drop. */
import type { ClassificationMetrics } from '../../metrics';
import type { MonitoringPeriodRecord, StoredEstimate } from './period-record';

const WEEK = 7 * 24 * 3600 * 1000;

function metrics(rocAuc: number, accuracy: number, count: number): ClassificationMetrics {
  return {
    count,
    positiveRate: 0.4,
    threshold: 0.5,
    accuracy,
    precision: 0.7,
    recall: 0.65,
    f1: 0.67,
    rocAuc,
    prAuc: 0.7,
    logLoss: 0.5,
    confusion: { tp: 10, fp: 4, tn: 20, fn: 6 },
  };
}

function estimate(value: number, band: number): StoredEstimate {
  return {
    value,
    lower: value - band,
    upper: value + band,
    lowerThreshold: 0.7,
    upperThreshold: 0.9,
    alert: value < 0.7,
  };
}

/**
 * `weeks` weekly records from 2026-09-07: production v1 until week 5, v2 after;
 * drift from week `driftWeek`, a realized drop from week `dropWeek`.
 */
export function syntheticPeriods(weeks = 12, driftWeek = 8, dropWeek = 10): MonitoringPeriodRecord[] {
  const start = Date.UTC(2026, 8, 7, 6);
  return Array.from({ length: weeks }, (_, k) => {
    const s = new Date(start + k * WEEK).toISOString();
    const e = new Date(start + (k + 1) * WEEK).toISOString();
    const version = k < 5 ? 'v20260901-000000-aaaaaaaa' : 'v20261010-000000-bbbbbbbb';
    const drifted = k >= driftWeek;
    const dropped = k >= dropWeek;
    const predictions = 900 + ((k * 137) % 300);
    return {
      formatVersion: 1,
      model: 'matchmaking',
      period: { start: s, end: e },
      generatedAt: e,
      productionVersion: version,
      versions: [{ version, predictions }],
      versionChanges:
        k === 5
          ? [
              {
                at: new Date(start + k * WEEK + 2 * 86_400_000).toISOString(),
                from: 'v20260901-000000-aaaaaaaa',
                to: version,
              },
            ]
          : [],
      traffic: {
        predictions,
        latencyMs: { p50: 0.6 + (k % 3) * 0.05, p99: 2.1 + (k % 4) * 0.3, requests: predictions },
      },
      drift: {
        status: 'checked',
        rows: predictions,
        minRows: 200,
        share: drifted ? 0.6 : 0.07 * (k % 3),
        thresholdShare: 0.5,
        datasetDrift: drifted,
        driftedColumns: drifted ? ['client_case_type', 'client_income_bracket', 'distance_km'] : [],
        topColumns: drifted
          ? [
              { column: 'client_case_type', method: 'jensenshannon', score: 0.21, threshold: 0.1 },
              { column: 'client_income_bracket', method: 'jensenshannon', score: 0.17, threshold: 0.1 },
              { column: 'distance_km', method: 'wasserstein', score: 0.14, threshold: 0.1 },
            ]
          : [],
        reportPath: null,
      },
      estimated: {
        status: 'estimated',
        rows: predictions,
        calibrated: true,
        metrics: { rocAuc: estimate(0.81 - (drifted ? 0.02 : 0), 0.03), accuracy: estimate(0.75, 0.04) },
      },
      realized: {
        count: 400,
        awaiting: predictions - 400,
        metrics: metrics(dropped ? 0.7 : 0.8, dropped ? 0.66 : 0.74, 400),
      },
      baseline: metrics(0.82, 0.76, 1000),
      degradation: dropped
        ? {
            status: 'degraded',
            metric: 'rocAuc',
            baseline: 0.82,
            realized: 0.7,
            relativeDrop: 0.146,
            count: 400,
          }
        : { status: 'ok', metric: 'rocAuc', baseline: 0.82, realized: 0.8, relativeDrop: 0.024, count: 400 },
      alerts: [
        ...(k === driftWeek ? [{ kind: 'drift' as const, sent: true, reason: 'new_episode' }] : []),
        ...(k === dropWeek ? [{ kind: 'performance' as const, sent: true, reason: 'new_episode' }] : []),
      ],
    };
  });
}
