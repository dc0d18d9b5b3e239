/**
 * Per-column importance charts, candidate beside production: horizontal bars,
 * one row per raw column, one bar per model, so a column whose importance moved
 * stands out by the gap between its two bars.
 */
import type { TopLevelSpec } from 'vega-lite';
import { CHART_COLORS } from './charts';

/** One model's values for the chart. */
export interface ImportanceSeries {
  /** Legend entry, e.g. "candidate v12". */
  readonly label: string;
  readonly role: 'model' | 'candidate' | 'production';
  /** Per column, in `columns` order. */
  readonly values: readonly number[];
  /** Standard deviation per column, drawn as a whisker of ± 1 sd. */
  readonly spread?: readonly number[];
}

/** What {@link importanceChartSpec} draws. */
export interface ImportanceChartInput {
  readonly title: string;
  readonly xTitle: string;
  readonly columns: readonly string[];
  /** The first series orders the columns (largest first); the first is the evaluated model. */
  readonly series: readonly ImportanceSeries[];
}

/** Four decimals: sub-pixel at any chart size, and a smaller file. */
const round = (v: number): number => Math.round(v * 1e4) / 1e4;

/** Grouped horizontal bars with optional ± sd whiskers. */
export function importanceChartSpec(input: ImportanceChartInput): TopLevelSpec {
  const first = input.series[0]?.values ?? [];
  const order = [...input.columns].sort(
    (a, b) => first[input.columns.indexOf(b)]! - first[input.columns.indexOf(a)]! || a.localeCompare(b),
  );
  const values = input.series.flatMap((s) =>
    input.columns.map((column, j) => {
      const value = s.values[j] ?? 0;
      const sd = s.spread?.[j] ?? 0;
      return {
        column,
        series: s.label,
        value: round(value),
        low: round(value - sd),
        high: round(value + sd),
      };
    }),
  );
  const domain = input.series.map((s) => s.label);
  const range = input.series.map((s) =>
    s.role === 'production' ? CHART_COLORS.production : CHART_COLORS.candidate,
  );
  const y = { field: 'column', type: 'nominal', sort: order, title: null, axis: { labelLimit: 0 } } as const;
  const yOffset = { field: 'series', type: 'nominal', scale: { domain } } as const;
  const withSpread = input.series.some((s) => s.spread !== undefined);
  return {
    title: input.title,
    width: 330,
    height: { step: 11 * Math.max(1, input.series.length) },
    data: { values },
    encoding: { y, yOffset },
    layer: [
      {
        mark: 'bar',
        encoding: {
          x: { field: 'value', type: 'quantitative', title: input.xTitle },
          color: {
            field: 'series',
            type: 'nominal',
            scale: { domain, range },
            legend: {
              title: null,
              orient: 'bottom',
              direction: 'vertical',
              labelLimit: 0,
              symbolType: 'square',
            },
          },
        },
      },
      ...(withSpread
        ? [
            {
              mark: { type: 'rule', color: '#1f2933', strokeWidth: 1 } as const,
              encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } as const,
            },
          ]
        : []),
    ],
  };
}
