/**
 * Vega-Lite specs of the monitoring dashboard's time series. Every chart has
 * the period end on its x axis, a dashed rule where production changed
 * version, and a red marker at the top where an alert fired.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { MonitoringPeriodRecord } from '../monitoring/period/period-record';
import { CHART_COLORS } from './charts';

/** Colours of the dashboard's marks. */
export const MONITORING_COLORS = {
  estimated: CHART_COLORS.candidate,
  realized: CHART_COLORS.production,
  baseline: CHART_COLORS.reference,
  alert: '#c62828',
  version: '#6b7785',
} as const;

const SIZE = { width: 760, height: 190 };
const X = { field: 'at', type: 'temporal', title: 'period end', axis: { format: '%b %d', labelAngle: 0 } } as const;

// Layers are built piecewise as plain objects; vega-lite validates the whole spec when it compiles it.
type Layer = Record<string, unknown>;

/** Markers for version changes and alerts, layered over any time series. */
function eventLayers(records: readonly MonitoringPeriodRecord[], alertKinds: ReadonlyArray<'drift' | 'performance'>): Layer[] {
  const changes = records.flatMap((r) =>
    r.versionChanges.map((c) => ({ at: c.at, label: `→ ${c.to.slice(0, 17)}` })),
  );
  const alerts = records.flatMap((r) =>
    r.alerts
      .filter((a) => a.sent && alertKinds.includes(a.kind))
      .map((a) => ({ at: r.period.end, label: `${a.kind} alert` })),
  );
  const layers: Layer[] = [];
  if (changes.length > 0) {
    layers.push(
      {
        data: { values: changes },
        mark: { type: 'rule', strokeDash: [4, 3], color: MONITORING_COLORS.version },
        encoding: { x: X },
      },
      {
        data: { values: changes },
        mark: { type: 'text', align: 'left', dx: 3, dy: -2, fontSize: 10, color: MONITORING_COLORS.version, baseline: 'bottom' },
        encoding: { x: X, y: { value: SIZE.height }, text: { field: 'label' } },
      },
    );
  }
  if (alerts.length > 0) {
    layers.push({
      data: { values: alerts },
      mark: { type: 'point', shape: 'triangle-down', filled: true, size: 110, color: MONITORING_COLORS.alert },
      encoding: { x: X, y: { value: 6 } },
    });
  }
  return layers;
}

function chart(title: string, records: readonly MonitoringPeriodRecord[], alertKinds: ReadonlyArray<'drift' | 'performance'>, layers: Layer[]): TopLevelSpec {
  return { title, ...SIZE, layer: [...layers, ...eventLayers(records, alertKinds)] } as unknown as TopLevelSpec;
}

/** Predictions per period. */
export function volumeChartSpec(records: readonly MonitoringPeriodRecord[]): TopLevelSpec {
  const values = records.map((r) => ({ at: r.period.end, predictions: r.traffic.predictions }));
  return chart('Traffic: predictions per period', records, ['drift', 'performance'], [
    {
      data: { values },
      mark: { type: 'bar', color: MONITORING_COLORS.estimated, width: { band: 0.6 } },
      encoding: { x: { ...X, type: 'temporal' }, y: { field: 'predictions', type: 'quantitative', title: 'predictions' } },
    },
  ]);
}

/** Request latency p50 and p99 per period (ms). */
export function latencyChartSpec(records: readonly MonitoringPeriodRecord[]): TopLevelSpec {
  const values = records.flatMap((r) =>
    r.traffic.latencyMs
      ? [
          { at: r.period.end, series: 'p50', ms: r.traffic.latencyMs.p50 },
          { at: r.period.end, series: 'p99', ms: r.traffic.latencyMs.p99 },
        ]
      : [],
  );
  return chart('Latency per period (ms)', records, [], [
    {
      data: { values },
      mark: { type: 'line', point: true },
      encoding: {
        x: X,
        y: { field: 'ms', type: 'quantitative', title: 'ms' },
        color: {
          field: 'series',
          type: 'nominal',
          scale: { domain: ['p50', 'p99'], range: [MONITORING_COLORS.estimated, MONITORING_COLORS.realized] },
          legend: { title: null },
        },
      },
    },
  ]);
}

/** Share of drifted columns per period, with the dataset-drift threshold and the top drifted columns named. */
export function driftChartSpec(records: readonly MonitoringPeriodRecord[]): TopLevelSpec {
  const checked = records.filter((r) => r.drift.status === 'checked' && r.drift.share !== null);
  // Name the top drifted columns where an episode starts or its columns change, not at every point.
  let previous = '';
  const values = checked.map((r) => {
    const top = r.drift.datasetDrift ? r.drift.topColumns.slice(0, 3).map((c) => c.column).join(', ') : '';
    const label = top !== previous ? top : '';
    previous = top;
    return { at: r.period.end, share: r.drift.share, label };
  });
  const threshold = checked.find((r) => r.drift.thresholdShare !== null)?.drift.thresholdShare ?? 0.5;
  return chart('Data drift: share of drifted columns', records, ['drift'], [
    {
      data: { values: [{ threshold }] },
      mark: { type: 'rule', strokeDash: [6, 4], color: MONITORING_COLORS.alert, opacity: 0.6 },
      encoding: { y: { field: 'threshold', type: 'quantitative' } },
    },
    {
      data: { values },
      mark: { type: 'line', point: { filled: true, size: 50 }, color: MONITORING_COLORS.estimated },
      encoding: {
        x: X,
        y: { field: 'share', type: 'quantitative', title: 'drifted share', scale: { domain: [0, 1] } },
      },
    },
    {
      data: { values },
      mark: { type: 'text', align: 'right', dx: -4, dy: -10, fontSize: 10, color: MONITORING_COLORS.alert },
      encoding: { x: X, y: { field: 'share', type: 'quantitative' }, text: { field: 'label' } },
    },
  ]);
}

/** Estimated (CBPE, with its ±3σ band) beside realized values of one metric, and its value at promotion. */
export function performanceChartSpec(
  records: readonly MonitoringPeriodRecord[],
  metric: 'rocAuc' | 'accuracy',
  title: string,
): TopLevelSpec {
  const estimated = records.flatMap((r) => {
    const e = r.estimated.metrics[metric];
    return e && e.value !== null
      ? [{ at: r.period.end, value: e.value, lower: e.lower ?? e.value, upper: e.upper ?? e.value, series: 'estimated (CBPE)' }]
      : [];
  });
  const realized = records.flatMap((r) => {
    const value = r.realized.metrics?.[metric];
    return typeof value === 'number' ? [{ at: r.period.end, value, series: 'realized', count: r.realized.count }] : [];
  });
  const baseline = records.flatMap((r) => {
    const value = r.baseline?.[metric];
    return typeof value === 'number' ? [{ at: r.period.end, value, series: 'at promotion' }] : [];
  });
  const color = {
    field: 'series',
    type: 'nominal',
    scale: {
      domain: ['estimated (CBPE)', 'realized', 'at promotion'],
      range: [MONITORING_COLORS.estimated, MONITORING_COLORS.realized, MONITORING_COLORS.baseline],
    },
    legend: { title: null },
  } as const;
  const y = { field: 'value', type: 'quantitative', title, scale: { zero: false } } as const;
  return chart(`${title}: estimated and realized`, records, ['performance'], [
    {
      data: { values: estimated },
      mark: { type: 'area', opacity: 0.18, color: MONITORING_COLORS.estimated },
      encoding: { x: X, y: { field: 'lower', type: 'quantitative', title }, y2: { field: 'upper' } },
    },
    { data: { values: baseline }, mark: { type: 'line', strokeDash: [6, 4] }, encoding: { x: X, y, color } },
    { data: { values: estimated }, mark: { type: 'line', point: true }, encoding: { x: X, y, color } },
    { data: { values: realized }, mark: { type: 'line', point: { filled: true, size: 50 } }, encoding: { x: X, y, color } },
  ]);
}
