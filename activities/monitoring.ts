import path from 'node:path';
import { Context } from '@temporalio/activity';
import type { DriftAlertSummary } from '../src/alerts/drift-alert';
import type { PerformanceAlertSummary } from '../src/alerts/performance-alert';
import { initTensorflowBackend } from '../src/model/backend';
import {
  MONITORING_STORE_KEYS,
  monitoringLocations,
  type MonitoringLocations,
} from '../src/monitoring/locations';
import { openOutcomeStore } from '../src/monitoring/outcomes/open-outcome-store';
import { degradationRuleSchema } from '../src/monitoring/performance/degradation';
import { measurePeriod } from '../src/monitoring/period/measure-period';
import {
  periodRecordPath,
  readLatencyScrape,
  readPeriodRecord,
  readPeriodRecords,
  writeLatencyScrape,
  writePeriodRecord,
} from '../src/monitoring/period/period-files';
import type { PeriodAlert } from '../src/monitoring/period/period-record';
import {
  histogramDelta,
  readHistogram,
  summariseLatency,
  type LatencySummary,
} from '../src/monitoring/traffic/latency-histogram';
import { writeFileAtomic } from '../src/fs/atomic-write';
import type { DriftHtmlRenderer } from '../src/pipeline/check-drift';
import { renderMonitoringDashboard } from '../src/reports/monitoring-dashboard';
import { openPredictionLogStore } from '../src/serving/prediction-log/open-log-store';
import type { ActivityDeps } from './deps';
import { withFailureMapping } from './failures';
import { pullReports, shareReports } from './report-sync';
import { ensureProductionSnapshot } from './snapshot-cache';

/** Input of `measureMonitoringPeriod`. */
export interface MeasureMonitoringPeriodInput {
  /** `[start, end)`, ISO. */
  readonly start: string;
  readonly end: string;
  readonly minRows: number;
  readonly driftShare?: number;
  /** Partial rule; missing fields take the defaults (5 % relative drop of ROC AUC, 200 outcomes). */
  readonly degradationRule?: { metric?: string; maxRelativeDrop?: number; minSamples?: number };
}

/** A reference to the measured record and the small summaries the alerts need. */
export interface MeasureMonitoringPeriodResult {
  readonly recordPath: string;
  readonly productionVersion: string | null;
  /** `checked`, `not_enough_traffic` or `no_production`. */
  readonly driftStatus: string;
  /** Set when the drift check ran. */
  readonly drift: DriftAlertSummary | null;
  /** The degradation rule's status: `degraded`, `ok`, `insufficient_data`, `no_baseline`. */
  readonly degradationStatus: string;
  /** Set when the rule fired. */
  readonly degradation: PerformanceAlertSummary | null;
  /** Flat numbers for the run record (and MLflow). */
  readonly metrics: Readonly<Record<string, number>>;
}

/** Input of `publishMonitoringPeriod`. */
export interface PublishMonitoringPeriodInput {
  readonly recordPath: string;
  readonly alerts: readonly PeriodAlert[];
}

/** Monitoring activities' extra settings. */
export interface MonitoringDeps {
  readonly renderDriftHtml: DriftHtmlRenderer;
  /** The serving metrics page scraped for latency (env SERVING_METRICS_URL); unset: no latency. */
  readonly servingMetricsUrl?: string;
  readonly monitoring?: MonitoringLocations;
}

/** The period's latency from the serving metrics, differenced from the last scrape; undefined when not scraped. */
async function scrapeLatency(
  deps: ActivityDeps & MonitoringDeps,
  stateDir: string,
): Promise<LatencySummary | undefined> {
  if (!deps.servingMetricsUrl) return undefined;
  try {
    const response = await fetch(deps.servingMetricsUrl, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const histogram = readHistogram(await response.text());
    if (!histogram) return undefined;
    const previous = await readLatencyScrape(stateDir);
    await writeLatencyScrape(stateDir, { at: new Date().toISOString(), histogram });
    return summariseLatency(histogramDelta(previous?.histogram, histogram));
  } catch (error) {
    // Latency is one chart among many: a serving process that is down must not stop the period.
    deps.logger.warn(
      { err: error, url: deps.servingMetricsUrl },
      'serving metrics not scraped: no latency this period',
    );
    return undefined;
  }
}

/** A period that ended less than this long ago is the current one (a schedule's run starts at its end). */
const CURRENT_PERIOD_SLACK_MS = 60 * 60 * 1000;

/** The latency an earlier measurement of the same period recorded, if any. */
async function previousLatency(periodsDir: string, start: string): Promise<LatencySummary | undefined> {
  const file = periodRecordPath(periodsDir, new Date(start).toISOString());
  const before = await readPeriodRecord(file).catch(() => undefined);
  const ms = before?.traffic.latencyMs;
  return ms ? { requests: ms.requests, p50Ms: ms.p50, p99Ms: ms.p99 } : undefined;
}

/** Production-monitoring activities. */
export function createMonitoringActivities(deps: ActivityDeps & MonitoringDeps) {
  const where = () => deps.monitoring ?? monitoringLocations(deps.paths);
  return {
    /**
     * Measures a period from the prediction log, the outcome store, the
     * registry and the serving metrics; writes its record (alerts still empty).
     */
    async measureMonitoringPeriod(
      input: MeasureMonitoringPeriodInput,
    ): Promise<MeasureMonitoringPeriodResult> {
      return withFailureMapping(async () => {
        const locations = where();
        // Earlier measurements of this period may have been made on another machine.
        await pullReports(deps, MONITORING_STORE_KEYS.periodsPrefix, locations.periodsDir);
        const rule = degradationRuleSchema.parse(input.degradationRule ?? {});
        Context.current().heartbeat('reading');
        await initTensorflowBackend(deps.logger);
        // The serving metrics only say what happened since the last scrape, so only a period that ends now
        // is scraped; re-measuring a past period (say, once its late outcomes arrived) keeps the latency
        // its record had. The scrape state sits beside the periods folder: that folder holds only records.
        const endsNow = Date.now() - Date.parse(input.end) < CURRENT_PERIOD_SLACK_MS;
        const latency = endsNow
          ? await scrapeLatency(deps, path.dirname(locations.periodsDir))
          : await previousLatency(locations.periodsDir, input.start);
        const outcomes = await openOutcomeStore(locations.outcomesDir).all();
        await ensureProductionSnapshot(deps); // the drift reference, from the shared store when there is one
        const measured = await measurePeriod({
          model: deps.modelName,
          registry: deps.registry,
          snapshotsDir: deps.paths.snapshotsDir,
          predictionLog: openPredictionLogStore(locations.predictionLogDir),
          outcomes,
          window: { start: new Date(input.start), end: new Date(input.end) },
          minRows: input.minRows,
          ...(input.driftShare !== undefined ? { driftShare: input.driftShare } : {}),
          degradationRule: rule,
          driftReportsDir: locations.driftReportsDir,
          renderDriftHtml: deps.renderDriftHtml,
          ...(latency ? { latency } : {}),
          now: new Date(),
        });
        const { record } = measured;
        const recordPath = await writePeriodRecord(locations.periodsDir, record);
        await shareReports(deps, recordPath);
        const metrics: Record<string, number> = {
          predictions: record.traffic.predictions,
          outcomes: record.realized.count,
        };
        if (record.drift.share !== null) metrics.driftShare = record.drift.share;
        const est = record.estimated.metrics.rocAuc?.value;
        if (est !== undefined && est !== null) metrics.estimatedRocAuc = est;
        const realized = record.realized.metrics;
        if (realized?.rocAuc !== undefined && realized.rocAuc !== null)
          metrics.realizedRocAuc = realized.rocAuc;
        if (realized) metrics.realizedAccuracy = realized.accuracy;
        if (record.traffic.latencyMs) {
          metrics.latencyP50Ms = record.traffic.latencyMs.p50;
          metrics.latencyP99Ms = record.traffic.latencyMs.p99;
        }
        deps.logger.info(
          { period: record.period, drift: record.drift.status, degradation: record.degradation.status },
          'monitoring period measured',
        );
        return {
          recordPath,
          productionVersion: record.productionVersion,
          driftStatus: record.drift.status,
          drift: measured.drift,
          degradationStatus: record.degradation.status,
          degradation: measured.degradation,
          metrics,
        };
      });
    },

    /** Adds the alerts to a period record and redraws the dashboard from every record. */
    async publishMonitoringPeriod(input: PublishMonitoringPeriodInput): Promise<{ dashboardPath: string }> {
      return withFailureMapping(async () => {
        const locations = where();
        // With a bucket, the periods measured anywhere (this one may have been measured on
        // another machine: it is read by name from this machine's copy of the folder).
        await pullReports(deps, MONITORING_STORE_KEYS.periodsPrefix, locations.periodsDir);
        const record = await readPeriodRecord(
          path.join(locations.periodsDir, path.basename(input.recordPath)),
        );
        const recordPath = await writePeriodRecord(locations.periodsDir, { ...record, alerts: input.alerts });
        const page = await renderMonitoringDashboard(await readPeriodRecords(locations.periodsDir), {
          model: deps.modelName,
          generatedAt: new Date().toISOString(),
        });
        await writeFileAtomic(locations.dashboardPath, page);
        await shareReports(deps, recordPath, locations.dashboardPath);
        return { dashboardPath: locations.dashboardPath };
      });
    },
  };
}
