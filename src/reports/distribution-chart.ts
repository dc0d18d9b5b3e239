import type { TopLevelSpec } from 'vega-lite';
import type { ColumnDriftResult, ColumnSummary } from '../drift';

/** Colours of the two sides of a drift comparison. */
export const DISTRIBUTION_COLORS = { reference: '#8c959f', current: '#e8772e' } as const;

/** Bin or category labels and both sides as shares of their rows. */
export interface ColumnDistribution {
  readonly labels: readonly string[];
  readonly reference: readonly number[];
  readonly current: readonly number[];
}

const shares = (counts: readonly number[], rows: number) => counts.map((c) => (rows > 0 ? c / rows : 0));

function edgeLabel(value: number): string {
  const magnitude = Math.abs(value);
  return magnitude >= 100 ? value.toFixed(0) : magnitude >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/**
 * A column's reference and current distributions on shared bins (numeric
 * columns: the histogram edges the drift statistics used) or categories (with
 * "(other)" for the long tail), as shares of each side's rows.
 */
export function columnDistribution(reference: ColumnSummary, current: ColumnSummary): ColumnDistribution {
  if (reference.kind === 'histogram' && current.kind === 'histogram') {
    const edges = reference.binEdges;
    const labels = reference.counts.map((_, i) => `${edgeLabel(edges[i] ?? 0)}–${edgeLabel(edges[i + 1] ?? 0)}`);
    return {
      labels,
      reference: shares(reference.counts, reference.rows),
      current: shares(current.counts, current.rows),
    };
  }
  if (reference.kind === 'categories' && current.kind === 'categories') {
    const other = reference.otherCount > 0 || current.otherCount > 0;
    const withOther = (s: typeof reference) => [...s.counts, ...(other ? [s.otherCount] : [])];
    return {
      labels: [...reference.categories, ...(other ? ['(other)'] : [])],
      reference: shares(withOther(reference), reference.rows),
      current: shares(withOther(current), current.rows),
    };
  }
  return { labels: [], reference: [], current: [] };
}

/**
 * Vega-Lite spec of a column's reference and current distributions as grouped
 * bars. `compact` draws the sparkline for the summary table: no axes, legend or
 * title, 180 × 44 pixels.
 */
export function distributionChartSpec(column: ColumnDriftResult, compact: boolean): TopLevelSpec {
  const d = columnDistribution(column.referenceSummary, column.currentSummary);
  const values = d.labels.flatMap((label, i) => [
    { bin: label, side: 'reference', share: d.reference[i] ?? 0 },
    { bin: label, side: 'current', share: d.current[i] ?? 0 },
  ]);
  const sides = { domain: ['reference', 'current'], range: [DISTRIBUTION_COLORS.reference, DISTRIBUTION_COLORS.current] };
  const longest = Math.max(0, ...d.labels.map((l) => l.length));
  return {
    title: compact ? undefined : `${column.column}: reference vs current`,
    description: `${column.column}: reference vs current distribution`,
    width: compact ? 180 : 640,
    height: compact ? 44 : 240,
    data: { values },
    mark: { type: 'bar', tooltip: false },
    encoding: {
      x: {
        field: 'bin',
        type: 'ordinal',
        sort: [...d.labels],
        title: compact ? null : column.column,
        axis: compact ? null : { labelAngle: longest > 6 || d.labels.length > 10 ? -40 : 0, labelLimit: 120 },
      },
      xOffset: { field: 'side', type: 'nominal', sort: sides.domain },
      y: {
        field: 'share',
        type: 'quantitative',
        title: compact ? null : 'share of rows',
        axis: compact ? null : { format: '.0%' },
      },
      color: {
        field: 'side',
        type: 'nominal',
        scale: sides,
        legend: compact ? null : { title: null, symbolType: 'square' },
      },
    },
    ...(compact ? { config: { view: { stroke: null }, padding: 0 } } : {}),
  };
}
