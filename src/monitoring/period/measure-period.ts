/**
 * Measures one monitoring period from the files production leaves behind:
 * the prediction log (volume, versions, drift, CBPE), the outcome store
 * (realized performance and the degradation rule), the registry (production,
 * its switches, its metrics at promotion) and a latency summary from the
 * serving metrics. Returns the period record without its alerts (the caller
 * decides and sends them, then completes the record) and the alert summaries.
 */
import type { DriftAlertSummary } from '../../alerts/drift-alert';
import type { PerformanceAlertSummary } from '../../alerts/performance-alert';
import type { DriftHtmlRenderer } from '../../pipeline/check-drift';
import { readSwitchHistory, type ModelRegistry } from '../../registry';
import type { PredictionLogStore } from '../../serving/prediction-log/store';
import type { StoredOutcome } from '../outcomes/outcome';
import { joinOutcomes } from '../outcomes/outcome-join';
import { checkDegradation, DEFAULT_DEGRADATION_RULE, type DegradationRule } from '../performance/degradation';
import { realizedPerformance } from '../performance/realized-performance';
import type { LatencySummary } from '../traffic/latency-histogram';
import { checkPeriodDrift } from './period-drift';
import { estimatePeriod, fitCbpeForVersion } from './period-estimate';
import { readPeriodPredictions, type MonitoringWindow } from './period-predictions';
import { PERIOD_RECORD_FORMAT, type MonitoringPeriodRecord } from './period-record';

/** What measuring a period needs. */
export interface MeasurePeriodOptions {
  readonly model: string;
  readonly registry: ModelRegistry;
  readonly snapshotsDir: string;
  readonly predictionLog: PredictionLogStore;
  readonly outcomes: ReadonlyMap<string, StoredOutcome>;
  readonly window: MonitoringWindow;
  /** Rows below which drift and CBPE say "not enough traffic". */
  readonly minRows: number;
  readonly driftShare?: number;
  readonly degradationRule?: DegradationRule;
  readonly driftReportsDir: string;
  readonly renderDriftHtml: DriftHtmlRenderer;
  /** Request latency over the period; undefined when the serving metrics were not scraped. */
  readonly latency?: LatencySummary;
  readonly now: Date;
}

/** The record (alerts still empty) and what an alert would say. */
export interface MeasuredPeriod {
  readonly record: MonitoringPeriodRecord;
  /** Set when the drift check ran (datasetDrift says whether it found drift). */
  readonly drift: DriftAlertSummary | null;
  /** Set when the degradation rule fired. */
  readonly degradation: PerformanceAlertSummary | null;
}

/**
 * Production switches within the window, from the registry's switch history
 * (`history.jsonl`, or the bucket's `history/` when the registry is in a store).
 */
export async function switchesWithin(
  registry: ModelRegistry,
  window: MonitoringWindow,
): Promise<MonitoringPeriodRecord['versionChanges']> {
  return (await readSwitchHistory(registry))
    .filter((entry) => {
      const at = Date.parse(entry.at);
      return at >= window.start.getTime() && at < window.end.getTime();
    })
    .map((entry) => ({ at: entry.at, from: entry.previous, to: entry.production }));
}

/** Measures the period. */
export async function measurePeriod(options: MeasurePeriodOptions): Promise<MeasuredPeriod> {
  const { registry, window } = options;
  const rule = options.degradationRule ?? DEFAULT_DEGRADATION_RULE;
  const production = await registry.productionVersion();
  const { entries } = await readPeriodPredictions(options.predictionLog, window);
  const byVersion = new Map<string, number>();
  for (const e of entries) byVersion.set(e.version, (byVersion.get(e.version) ?? 0) + 1);
  const productionRows = entries.filter((e) => e.version === production);

  const { drift, summary: driftSummary } = await checkPeriodDrift(production, productionRows, {
    registry,
    snapshotsDir: options.snapshotsDir,
    reportsDir: options.driftReportsDir,
    renderHtml: options.renderDriftHtml,
    window,
    minRows: options.minRows,
    now: options.now,
    ...(options.driftShare !== undefined ? { driftShare: options.driftShare } : {}),
  });

  const fitted = production ? await fitCbpeForVersion(registry, options.snapshotsDir, production) : undefined;
  const estimated = estimatePeriod(
    fitted,
    productionRows.map((e) => e.probability),
    options.minRows,
  );

  const join = await joinOutcomes(productionRows, options.outcomes);
  const realized = realizedPerformance(
    join.labelled.map((l) => l.outcome.matchSuccess),
    join.labelled.map((l) => l.prediction.probability),
    join.unlabelled,
  );
  const baseline = production ? ((await registry.readEvaluation(production))?.candidate ?? null) : null;
  const degradation = production
    ? checkDegradation(baseline ?? undefined, realized.metrics, realized.count, rule)
    : ({
        status: 'no_baseline',
        metric: rule.metric,
        count: 0,
        reason: 'there is no production model',
      } as const);

  const record: MonitoringPeriodRecord = {
    formatVersion: PERIOD_RECORD_FORMAT,
    model: options.model,
    period: { start: window.start.toISOString(), end: window.end.toISOString() },
    generatedAt: options.now.toISOString(),
    productionVersion: production ?? null,
    versions: [...byVersion].map(([version, predictions]) => ({ version, predictions })),
    versionChanges: await switchesWithin(registry, window),
    traffic: {
      predictions: entries.length,
      latencyMs: options.latency
        ? { p50: options.latency.p50Ms, p99: options.latency.p99Ms, requests: options.latency.requests }
        : null,
    },
    drift,
    estimated,
    realized,
    baseline,
    degradation,
    alerts: [],
  };
  const estimate = estimated.metrics[rule.metric as 'rocAuc'];
  return {
    record,
    drift: driftSummary,
    degradation:
      degradation.status === 'degraded' && production
        ? {
            version: production,
            metric: degradation.metric,
            baseline: degradation.baseline,
            realized: degradation.realized,
            relativeDrop: degradation.relativeDrop,
            maxRelativeDrop: rule.maxRelativeDrop,
            count: degradation.count,
            periodStart: record.period.start,
            periodEnd: record.period.end,
            estimated: estimate?.value ?? null,
          }
        : null,
  };
}
