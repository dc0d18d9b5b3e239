import type { ColumnDriftResult, ColumnSummary, DatasetDriftResult } from '../drift';
import type { DriftReportMeta } from '../pipeline/check-drift';
import { driftSeverity } from '../drift';
import { inlineSvg, renderChartSvg } from './charts';
import { DISTRIBUTION_COLORS, distributionChartSpec } from './distribution-chart';
import { dataTable, figure, section, summaryCards } from './html-components';
import { html, htmlPage, trustedHtml, type SafeHtml } from './html-document';

const METHOD_NAMES: Record<string, string> = {
  ks: 'Kolmogorov–Smirnov p-value',
  chisquare: 'chi-squared p-value',
  z: 'Z-test p-value',
  wasserstein: 'Wasserstein distance (normed)',
  jensenshannon: 'Jensen–Shannon distance',
  psi: 'PSI',
};

const methodName = (column: ColumnDriftResult) => METHOD_NAMES[column.method] ?? column.method;

/**
 * The fragment id of a column's detail section. Column names of foreign CSVs may hold spaces,
 * `#` or quotes, which an id must not (spaces) or a link would have to escape: percent-encoding
 * keeps every name a valid id that `href="#…"` reaches unchanged.
 */
const anchorOf = (column: ColumnDriftResult) => `col-${encodeURIComponent(column.column)}`;

function score(column: ColumnDriftResult): string {
  return column.score < 0.001 && column.score > 0 ? column.score.toExponential(2) : column.score.toFixed(4);
}

function statsLine(summary: ColumnSummary): string {
  return summary.kind === 'histogram'
    ? `mean ${summary.mean.toFixed(2)}, std ${summary.std.toFixed(2)}, min ${summary.min}, max ${summary.max}, ${summary.rows} rows`
    : `${summary.categories.length + summary.otherCategories} categories, ${summary.rows} rows`;
}

function tag(drifted: boolean): SafeHtml {
  return html`<span class="tag ${drifted ? 'bad' : 'good'}">${drifted ? 'drift' : 'no drift'}</span>`;
}

async function chartSvg(column: ColumnDriftResult, compact: boolean): Promise<SafeHtml> {
  return trustedHtml(inlineSvg(await renderChartSvg(distributionChartSpec(column, compact))));
}

function verdict(result: DatasetDriftResult): SafeHtml {
  const counts = `drift detected for ${result.driftedColumns} of ${result.totalColumns} columns (${(result.share * 100).toFixed(0)}%, threshold ${(result.thresholdShare * 100).toFixed(0)}%).`;
  return result.datasetDrift
    ? html`<div class="verdict bad">Dataset drift detected: ${counts}</div>`
    : html`<div class="verdict good">No dataset drift: ${counts}</div>`;
}

async function columnsTable(columns: readonly ColumnDriftResult[]): Promise<SafeHtml> {
  const sparklines = await Promise.all(columns.map((c) => chartSvg(c, true)));
  const legend = html`reference <span style="color:${DISTRIBUTION_COLORS.reference}">■</span> vs current
    <span style="color:${DISTRIBUTION_COLORS.current}">■</span>`;
  return dataTable({
    caption: 'Columns by how far they are past their threshold; drifted first.',
    columns: [
      { header: 'column' },
      { header: 'type' },
      { header: 'method' },
      { header: 'score', numeric: true },
      { header: 'threshold', numeric: true },
      { header: 'verdict' },
      { header: 'distributions' },
    ],
    rows: columns.map((c, i) => [
      html`<a href="#${anchorOf(c)}">${c.column}</a>`,
      c.type,
      methodName(c),
      score(c),
      String(c.threshold),
      tag(c.drifted),
      sparklines[i],
    ]),
    footer: legend,
  });
}

async function columnDetail(column: ColumnDriftResult): Promise<SafeHtml> {
  return html`<section class="detail" id="${anchorOf(column)}">
<h3>${column.column} ${tag(column.drifted)}</h3>
<p class="note">${methodName(column)} ${score(column)} (threshold ${column.threshold}).
Reference: ${statsLine(column.referenceSummary)}. Current: ${statsLine(column.currentSummary)}.</p>
${figure(await chartSvg(column, false), `Distribution of ${column.column} in the reference and current data, as shares of rows`)}
</section>`;
}

/**
 * Renders a self-contained HTML drift report: the verdict, summary cards, a
 * per-column table sorted by how far each column is past its threshold with
 * small side-by-side distributions, and a detail chart per column. Charts are
 * Vega-Lite rendered to inline SVG; the page has no script and loads nothing.
 */
export async function renderDriftReport(result: DatasetDriftResult, meta: DriftReportMeta): Promise<string> {
  const columns = [...result.columns].sort(
    (a, b) => Number(b.drifted) - Number(a.drifted) || driftSeverity(b) - driftSeverity(a),
  );
  const subtitle = html`Generated ${meta.generatedAt}. Reference: ${meta.referenceLabel} (md5 <code>${meta.referenceMd5}</code>).
Current: ${meta.currentFile} (md5 <code>${meta.currentMd5}</code>). Methods and thresholds follow Evidently's DataDrift defaults.
${meta.columnTypes ?? ''}`;
  const body = html`${verdict(result)}
${summaryCards([
  { label: 'drifted columns', value: `${result.driftedColumns} / ${result.totalColumns}` },
  { label: 'drift share', value: `${(result.share * 100).toFixed(0)}%` },
  { label: 'reference rows', value: result.referenceRows.toLocaleString('en-US') },
  { label: 'current rows', value: result.currentRows.toLocaleString('en-US') },
])}
${section('Columns', 'columns', await columnsTable(columns))}
${section('Column details', 'details', await Promise.all(columns.map(columnDetail)))}`;
  return htmlPage({ title: meta.title, subtitle, body });
}
