/**
 * The monitoring dashboard: one self-contained HTML page (inline CSS and SVG,
 * no script, loads nothing) with production's history period by period —
 * traffic, latency, drift share with the top drifted columns, estimated
 * (CBPE) beside realized ROC AUC and accuracy with bands, version changes and
 * alerts marked — and a table of every period. Written by the monitoring
 * workflow and served by the serving process at `/dashboard`.
 */
import type { MonitoringPeriodRecord } from '../monitoring/period/period-record';
import { renderChartSvg } from './charts';
import { dataTable, figure, note, section, summaryCards, type SummaryCard } from './html-components';
import { html, htmlPage, trustedHtml } from './html-document';
import {
  driftChartSpec,
  latencyChartSpec,
  performanceChartSpec,
  volumeChartSpec,
} from './monitoring-charts';

/** What the page says about itself. */
export interface MonitoringDashboardMeta {
  readonly model: string;
  readonly generatedAt: string;
}

const fmt = (v: number | null | undefined, digits = 3): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);

function cards(latest: MonitoringPeriodRecord | undefined): SummaryCard[] {
  if (!latest) return [];
  const est = latest.estimated.metrics.rocAuc;
  const realized = latest.realized.metrics?.rocAuc;
  return [
    { label: 'production', value: latest.productionVersion ?? 'none', detail: `period ending ${latest.period.end.slice(0, 10)}` },
    { label: 'predictions', value: latest.traffic.predictions.toLocaleString('en-US') },
    {
      label: 'latency p50 / p99',
      value: latest.traffic.latencyMs ? `${fmt(latest.traffic.latencyMs.p50, 1)} / ${fmt(latest.traffic.latencyMs.p99, 1)} ms` : '—',
    },
    {
      label: 'drift share',
      value: latest.drift.share === null ? latest.drift.status.replaceAll('_', ' ') : `${(latest.drift.share * 100).toFixed(0)}%`,
      tone: latest.drift.datasetDrift ? 'bad' : 'neutral',
      ...(latest.drift.datasetDrift ? { change: 'dataset drift' } : {}),
    },
    {
      label: 'ROC AUC estimated',
      value: fmt(est?.value),
      ...(est && est.lower !== null && est.upper !== null ? { detail: `band ${fmt(est.lower)}–${fmt(est.upper)}` } : {}),
    },
    {
      label: 'ROC AUC realized',
      value: fmt(realized ?? null),
      detail: `${latest.realized.count} with outcomes, ${latest.realized.awaiting} awaiting`,
      tone: latest.degradation.status === 'degraded' ? 'bad' : 'neutral',
      ...(latest.degradation.status === 'degraded' ? { change: 'degraded' } : {}),
    },
  ];
}

function periodTable(records: readonly MonitoringPeriodRecord[]) {
  return dataTable({
    columns: [
      { header: 'ends' },
      { header: 'production' },
      { header: 'predictions', numeric: true },
      { header: 'p50/p99 ms', numeric: true },
      { header: 'drift', numeric: true },
      { header: 'top drifted columns' },
      { header: 'ROC AUC est.', numeric: true },
      { header: 'realized (n)', numeric: true },
      { header: 'accuracy est./real.', numeric: true },
      { header: 'alerts' },
    ],
    rows: [...records].reverse().map((r) => {
      const est = r.estimated.metrics.rocAuc;
      const acc = r.estimated.metrics.accuracy;
      return [
        r.period.end.slice(0, 10),
        r.productionVersion ?? '—',
        r.traffic.predictions,
        r.traffic.latencyMs ? `${fmt(r.traffic.latencyMs.p50, 2)} / ${fmt(r.traffic.latencyMs.p99, 2)}` : '—',
        r.drift.share === null ? r.drift.status.replaceAll('_', ' ') : `${(r.drift.share * 100).toFixed(0)}%`,
        r.drift.datasetDrift ? r.drift.topColumns.slice(0, 3).map((c) => c.column).join(', ') : '',
        est ? `${fmt(est.value)} ±${fmt(((est.upper ?? NaN) - (est.lower ?? NaN)) / 2)}` : r.estimated.status.replaceAll('_', ' '),
        r.realized.metrics ? `${fmt(r.realized.metrics.rocAuc)} (${r.realized.count})` : `— (${r.realized.count})`,
        `${fmt(acc?.value)} / ${fmt(r.realized.metrics?.accuracy)}`,
        r.alerts.filter((a) => a.sent).map((a) => a.kind).join(', '),
      ];
    }),
    footer:
      'Newest first. ROC AUC est.: CBPE with half its band. Realized values count the outcomes known when the period was recorded.',
  });
}

/** Renders the dashboard from the period records (any order; drawn by period). */
export async function renderMonitoringDashboard(
  periods: readonly MonitoringPeriodRecord[],
  meta: MonitoringDashboardMeta,
): Promise<string> {
  const records = [...periods].sort((a, b) => a.period.end.localeCompare(b.period.end));
  const svg = async (spec: Parameters<typeof renderChartSvg>[0]) => trustedHtml(await renderChartSvg(spec));
  const body =
    records.length === 0
      ? note('No monitoring period has been recorded yet: the monitoring workflow writes one per period.')
      : html`${summaryCards(cards(records.at(-1)))}
${section(
  'Traffic',
  'traffic',
  figure(await svg(volumeChartSpec(records)), 'Predictions served per period; dashed lines mark production version changes, red markers alerts.'),
  figure(await svg(latencyChartSpec(records)), 'Request latency, 50th and 99th percentile, from the serving metrics.'),
)}
${section(
  'Data drift',
  'drift',
  figure(
    await svg(driftChartSpec(records)),
    "Share of drifted columns against production's training data (dashed: dataset-drift threshold), with the top drifted columns named.",
  ),
)}
${section(
  'Performance',
  'performance',
  figure(
    await svg(performanceChartSpec(records, 'rocAuc', 'ROC AUC')),
    'ROC AUC estimated by CBPE from the scores alone (band: ±3 sampling errors) beside the realized value on predictions whose outcomes arrived, and the value at promotion.',
  ),
  figure(await svg(performanceChartSpec(records, 'accuracy', 'Accuracy')), 'Accuracy, estimated and realized, as above.'),
)}
${section('Periods', 'periods', periodTable(records))}`;
  return htmlPage({
    title: `Production monitoring: ${meta.model}`,
    subtitle: html`Generated ${meta.generatedAt}. ${records.length} periods${
      records.length > 0 ? html`, ${records[0]!.period.start.slice(0, 10)} to ${records.at(-1)!.period.end.slice(0, 10)}` : ''
    }. Estimates follow NannyML's CBPE; drift statistics follow Evidently's defaults.`,
    body,
  });
}
