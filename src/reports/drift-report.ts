import type { ColumnDriftResult, ColumnSummary, DatasetDriftResult } from '../drift';
import type { DriftReportMeta } from '../pipeline/check-drift';
import { driftSeverity } from '../pipeline/check-drift';
import { escapeHtml } from './html-escape';
import { cards, figure, reportPage } from './report-page';
import { groupedBarChartSvg } from './svg-bar-chart';

const REFERENCE_COLOR = '#4c78a8';
const CURRENT_COLOR = '#f58518';

/** Bin or category labels and both sides as shares of their rows. */
function distribution(reference: ColumnSummary, current: ColumnSummary) {
  const share = (counts: readonly number[], rows: number) => counts.map((c) => (rows > 0 ? c / rows : 0));
  if (reference.kind === 'histogram' && current.kind === 'histogram') {
    const edges = reference.binEdges;
    const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));
    const labels = reference.counts.map((_, i) => `${fmt(edges[i] ?? 0)}–${fmt(edges[i + 1] ?? 0)}`);
    return { labels, reference: share(reference.counts, reference.rows), current: share(current.counts, current.rows) };
  }
  if (reference.kind === 'categories' && current.kind === 'categories') {
    const other = reference.otherCount > 0 || current.otherCount > 0;
    const labels = [...reference.categories, ...(other ? ['(other)'] : [])];
    const withOther = (s: typeof reference) => [...s.counts, ...(other ? [s.otherCount] : [])];
    return { labels, reference: share(withOther(reference), reference.rows), current: share(withOther(current), current.rows) };
  }
  return { labels: [], reference: [], current: [] };
}

function chart(column: ColumnDriftResult, compact: boolean): string {
  const d = distribution(column.referenceSummary, column.currentSummary);
  return groupedBarChartSvg({
    title: `${column.column}: reference vs current`,
    labels: d.labels,
    series: [
      { name: 'reference', values: d.reference, color: REFERENCE_COLOR },
      { name: 'current', values: d.current, color: CURRENT_COLOR },
    ],
    valueLabel: 'share of rows',
    compact,
    ...(compact ? { width: 180, height: 44 } : {}),
  });
}

function score(column: ColumnDriftResult): string {
  return column.score < 0.001 && column.score > 0 ? column.score.toExponential(2) : column.score.toFixed(4);
}

function statsLine(summary: ColumnSummary): string {
  return summary.kind === 'histogram'
    ? `mean ${summary.mean.toFixed(2)}, std ${summary.std.toFixed(2)}, min ${summary.min}, max ${summary.max}, ${summary.rows} rows`
    : `${summary.categories.length + summary.otherCategories} categories, ${summary.rows} rows`;
}

const METHOD_NAMES: Record<string, string> = {
  ks: 'Kolmogorov–Smirnov p-value',
  chisquare: 'chi-squared p-value',
  z: 'Z-test p-value',
  wasserstein: 'Wasserstein distance (normed)',
  jensenshannon: 'Jensen–Shannon distance',
  psi: 'PSI',
};

/**
 * Renders a self-contained HTML drift report: the verdict, a per-column table
 * sorted by how far each column is past its threshold with small side-by-side
 * distributions, and a detail chart per column.
 */
export function renderDriftReport(result: DatasetDriftResult, meta: DriftReportMeta): string {
  const columns = [...result.columns].sort(
    (a, b) => Number(b.drifted) - Number(a.drifted) || driftSeverity(b) - driftSeverity(a),
  );
  const verdict = result.datasetDrift
    ? `<div class="verdict bad">Dataset drift detected: drift detected for ${result.driftedColumns} of ${result.totalColumns} columns (${(result.share * 100).toFixed(0)}%, threshold ${(result.thresholdShare * 100).toFixed(0)}%).</div>`
    : `<div class="verdict good">No dataset drift: drift detected for ${result.driftedColumns} of ${result.totalColumns} columns (${(result.share * 100).toFixed(0)}%, threshold ${(result.thresholdShare * 100).toFixed(0)}%).</div>`;
  const rows = columns
    .map(
      (c) => `<tr>
<td><a href="#col-${escapeHtml(c.column)}">${escapeHtml(c.column)}</a></td><td>${escapeHtml(c.type)}</td>
<td>${escapeHtml(METHOD_NAMES[c.method] ?? c.method)}</td><td class="num">${score(c)}</td><td class="num">${c.threshold}</td>
<td><span class="tag ${c.drifted ? 'bad' : 'good'}">${c.drifted ? 'drift' : 'no drift'}</span></td>
<td>${chart(c, true)}</td></tr>`,
    )
    .join('\n');
  const details = columns
    .map(
      (c) => `<section class="detail" id="col-${escapeHtml(c.column)}">
<h3>${escapeHtml(c.column)} <span class="tag ${c.drifted ? 'bad' : 'good'}">${c.drifted ? 'drift' : 'no drift'}</span></h3>
<p class="meta">${escapeHtml(METHOD_NAMES[c.method] ?? c.method)} ${score(c)} (threshold ${c.threshold}).
Reference: ${escapeHtml(statsLine(c.referenceSummary))}. Current: ${escapeHtml(statsLine(c.currentSummary))}.</p>
${figure(chart(c, false), `Distribution of ${c.column} in the reference and current data, as shares of rows`)}
</section>`,
    )
    .join('\n');
  const body = `<h1>${escapeHtml(meta.title)}</h1>
<p class="meta">Generated ${escapeHtml(meta.generatedAt)}. Reference: ${escapeHtml(meta.referenceLabel)} (md5 ${escapeHtml(meta.referenceMd5)}).
Current: ${escapeHtml(meta.currentFile)} (md5 ${escapeHtml(meta.currentMd5)}). Methods and thresholds follow Evidently's DataDrift defaults.</p>
${verdict}
${cards([
  { label: 'drifted columns', value: `${result.driftedColumns} / ${result.totalColumns}` },
  { label: 'drift share', value: `${(result.share * 100).toFixed(0)}%` },
  { label: 'reference rows', value: result.referenceRows.toLocaleString('en-US') },
  { label: 'current rows', value: result.currentRows.toLocaleString('en-US') },
])}
<h2>Columns</h2>
<table><thead><tr><th>column</th><th>type</th><th>method</th><th>score</th><th>threshold</th><th>verdict</th><th>reference <span style="color:${REFERENCE_COLOR}">■</span> vs current <span style="color:${CURRENT_COLOR}">■</span></th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Column details</h2>
${details}`;
  return reportPage(meta.title, body);
}
