import type { TopLevelSpec } from 'vega-lite';
import type { CurvePoint } from './downsample';

/** One line of a curve chart. */
export interface CurveSeries {
  /** Legend entry, e.g. "candidate v12 (AUC 0.842)". */
  readonly name: string;
  readonly points: readonly CurvePoint[];
  readonly color: string;
  /** A dashed grey reference line (chance, baseline, perfect calibration). */
  readonly reference?: boolean;
}

/** What {@link curveChartSpec} draws. */
export interface CurveChartInput {
  readonly title: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly series: readonly CurveSeries[];
  /** Draw a dot at every (non-reference) point, for short curves such as calibration bins. */
  readonly dots?: boolean;
}

const SOLID = [1, 0];
const DASHED = [5, 4];
const SIZE = { width: 360, height: 300 };

/** A unit-square line chart: one line per series, in data order, with a legend underneath. */
export function curveChartSpec(input: CurveChartInput): TopLevelSpec {
  const values = input.series.flatMap((s) =>
    s.points.map((p, i) => ({ series: s.name, i, x: round(p.x), y: round(p.y) })),
  );
  const domain = input.series.map((s) => s.name);
  const unit = { domain: [0, 1], nice: false };
  const seriesScale = { domain, range: input.series.map((s) => s.color) };
  // No label limit: vega measures no text without a canvas and would cut
  // "candidate v12 (AUC 0.842)" short by its estimate.
  const legend = { title: null, orient: 'bottom', direction: 'vertical', symbolStrokeWidth: 2.5, labelLimit: 0 } as const;
  const encoding = {
    x: { field: 'x', type: 'quantitative', title: input.xTitle, scale: unit, axis: { tickCount: 5 } },
    y: { field: 'y', type: 'quantitative', title: input.yTitle, scale: unit, axis: { tickCount: 5 } },
    order: { field: 'i', type: 'quantitative' },
    color: { field: 'series', type: 'nominal', scale: seriesScale, legend },
    strokeDash: {
      field: 'series',
      type: 'nominal',
      scale: { domain, range: input.series.map((s) => (s.reference === true ? DASHED : SOLID)) },
      legend,
    },
  } as const;
  const references = new Set(input.series.filter((s) => s.reference === true).map((s) => s.name));
  return {
    title: input.title,
    ...SIZE,
    data: { values },
    layer: [
      { mark: { type: 'line', clip: true } as const, encoding },
      ...(input.dots === true
        ? [
            {
              mark: { type: 'point', filled: true, size: 36 } as const,
              transform: [{ filter: { not: { field: 'series', oneOf: [...references] } } }],
              encoding: { x: encoding.x, y: encoding.y, color: encoding.color },
            },
          ]
        : []),
    ],
  };
}

/** Four decimals: sub-pixel at any chart size, and a smaller file. */
function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
