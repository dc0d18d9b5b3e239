/**
 * Vega-Lite specs of the experiment report: the experiment's course over its
 * batches (time on the x axis, UTC), from the bounded timeline the workflow
 * keeps (`src/experiments/timeline.ts`). Shaded bands mark paused stretches.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentTimeline, StageChange, TimelinePoint } from '../experiments/timeline';
import { CHART_COLORS } from './charts';

/** Colours beyond the shared candidate / production pair. */
export const EXPERIMENT_COLORS = {
  ...CHART_COLORS,
  limit: '#c62828',
  paired: '#7b4ea3',
  paused: '#f2e7c9',
  control: '#3e4c59',
} as const;

const SIZE = { width: 700, height: 200 };
const X = { field: 'at', type: 'temporal', title: 'time (UTC)', scale: { type: 'utc' } } as const;
// Layers are built piecewise as plain objects; vega-lite validates the whole spec when it compiles it.
type Layer = Record<string, unknown>;

/** A control as the charts need it. */
export interface ChartControl {
  readonly action: string;
  readonly by: string;
  readonly at: string;
}

/** Stretches during which the experiment was paused: [from, to) pairs from the pause/resume controls. */
export function pausedStretches(controls: readonly ChartControl[], endAt: string): { at: string; to: string }[] {
  const stretches: { at: string; to: string }[] = [];
  let from: string | undefined;
  for (const c of controls) {
    if (c.action === 'pause' && from === undefined) from = c.at;
    if ((c.action === 'resume' || c.action === 'abort') && from !== undefined) {
      stretches.push({ at: from, to: c.at });
      from = undefined;
    }
  }
  if (from !== undefined) stretches.push({ at: from, to: endAt });
  return stretches;
}

function pausedLayer(paused: readonly { at: string; to: string }[]): Layer[] {
  if (paused.length === 0) return [];
  return [
    {
      data: { values: paused },
      mark: { type: 'rect', color: EXPERIMENT_COLORS.paused, opacity: 0.8 },
      encoding: { x: X, x2: { field: 'to' } },
    },
  ];
}

/** Predictions logged and outcomes joined so far, per arm. */
export function countsSpec(points: readonly TimelinePoint[], paused: readonly { at: string; to: string }[]): TopLevelSpec {
  const series = (key: string, value: (p: TimelinePoint) => number) => points.map((p) => ({ at: p.at, series: key, value: value(p) }));
  const predictions = [
    ...series('shadow', (p) => p.predictions.shadow),
    ...series('canary: candidate answered', (p) => p.predictions.canaryCandidate),
    ...series('canary: production answered', (p) => p.predictions.canaryProduction),
  ];
  const outcomes = [
    ...series('candidate arm', (p) => p.outcomes.candidate),
    ...series('production arm', (p) => p.outcomes.production),
    ...series('both scored (paired)', (p) => p.outcomes.paired),
  ];
  const panel = (title: string, values: object[], domain: string[]): Layer => ({
    title,
    width: 330,
    height: SIZE.height,
    layer: [
      ...pausedLayer(paused),
      {
        data: { values },
        mark: { type: 'line', point: { size: 18 }, interpolate: 'step-after' },
        encoding: {
          x: X,
          y: { field: 'value', type: 'quantitative', title: 'rows (cumulative)' },
          color: {
            field: 'series',
            type: 'nominal',
            title: null,
            legend: { labelLimit: 280 },
            scale: { domain, range: [EXPERIMENT_COLORS.reference, EXPERIMENT_COLORS.candidate, EXPERIMENT_COLORS.production].slice(0, domain.length) },
          },
        },
      },
    ],
  });
  return {
    title: 'Per-arm counts over the batches',
    hconcat: [
      panel('Predictions logged', predictions, ['shadow', 'canary: candidate answered', 'canary: production answered']),
      panel('Outcomes joined', outcomes, ['both scored (paired)', 'candidate arm', 'production arm']),
    ],
    resolve: { scale: { color: 'independent' } },
  } as unknown as TopLevelSpec;
}

/** A test's effect with its confidence sequence, batch by batch, against zero. */
export function effectSpec(
  points: readonly TimelinePoint[],
  test: 'armTest' | 'pairedLogLoss',
  title: string,
  yTitle: string,
  paused: readonly { at: string; to: string }[],
): TopLevelSpec {
  const values = points
    .filter((p) => p[test].effect !== null)
    .map((p) => ({ at: p.at, effect: p[test].effect, lower: p[test].lower, upper: p[test].upper }));
  const band = values.filter((v) => v.lower !== null && v.upper !== null);
  const color = test === 'armTest' ? EXPERIMENT_COLORS.candidate : EXPERIMENT_COLORS.paired;
  return {
    title,
    ...SIZE,
    layer: [
      ...pausedLayer(paused),
      {
        data: { values: band },
        mark: { type: 'area', opacity: 0.22, color, interpolate: 'step-after' },
        encoding: { x: X, y: { field: 'lower', type: 'quantitative', title: yTitle }, y2: { field: 'upper' } },
      },
      {
        data: { values },
        mark: { type: 'line', point: { size: 18 }, color, interpolate: 'step-after' },
        encoding: { x: X, y: { field: 'effect', type: 'quantitative' } },
      },
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: EXPERIMENT_COLORS.control, strokeDash: [4, 3] }, encoding: { y: { field: 'zero', type: 'quantitative' } } },
    ],
  } as unknown as TopLevelSpec;
}

/** Both tests' always-valid p-values on a log scale, against α. */
export function pValueSpec(points: readonly TimelinePoint[], alpha: number, decisionName: string): TopLevelSpec {
  const floor = 1e-12; // a log scale cannot show 0; smaller p-values are drawn at the floor
  const values = points.flatMap((p) => [
    { at: p.at, test: decisionName, p: Math.max(floor, p.armTest.pValue) },
    { at: p.at, test: 'paired log loss', p: Math.max(floor, p.pairedLogLoss.pValue) },
  ]);
  return {
    title: `Always-valid p-values against α = ${alpha}`,
    ...SIZE,
    layer: [
      {
        data: { values },
        mark: { type: 'line', point: { size: 18 }, interpolate: 'step-after' },
        encoding: {
          x: X,
          y: { field: 'p', type: 'quantitative', title: 'always-valid p (log scale)', scale: { type: 'log' } },
          color: { field: 'test', type: 'nominal', title: null, legend: { labelLimit: 280 }, scale: { domain: [decisionName, 'paired log loss'], range: [EXPERIMENT_COLORS.candidate, EXPERIMENT_COLORS.paired] } },
        },
      },
      { data: { values: [{ alpha, label: `α = ${alpha}` }] }, mark: { type: 'rule', color: EXPERIMENT_COLORS.limit, strokeDash: [6, 3] }, encoding: { y: { field: 'alpha', type: 'quantitative' } } },
    ],
  } as unknown as TopLevelSpec;
}

function limitPanel(title: string, yTitle: string, values: object[], limit: number | null, extra: Layer[] = []): Layer {
  return {
    title,
    width: 210,
    height: 170,
    layer: [
      { data: { values }, mark: { type: 'line', point: { size: 30 }, color: EXPERIMENT_COLORS.candidate }, encoding: { x: X, y: { field: 'value', type: 'quantitative', title: yTitle } } },
      ...extra,
      ...(limit === null ? [] : [{ data: { values: [{ limit }] }, mark: { type: 'rule', color: EXPERIMENT_COLORS.limit, strokeDash: [6, 3] }, encoding: { y: { field: 'limit', type: 'quantitative' } } }]),
    ],
  };
}

/** Each guardrail per judged window against its limit (dashed red). */
export function guardrailsSpec(timeline: ExperimentTimeline): TopLevelSpec {
  const w = timeline.windows;
  const l = timeline.limits;
  const latency = w.filter((x) => x.candidateP99Ms !== null);
  return {
    title: `Guardrails per window of ${l.windowRows} candidate requests (limit dashed red)`,
    hconcat: [
      limitPanel('Candidate error rate', 'error rate', w.map((x) => ({ at: x.at, value: x.errorRate })), l.maxErrorRate),
      limitPanel('p99 scoring time (ms): candidate, production grey', 'ms', latency.map((x) => ({ at: x.at, value: x.candidateP99Ms })), null, [
        { data: { values: latency.filter((x) => x.productionP99Ms !== null).map((x) => ({ at: x.at, value: x.productionP99Ms })) }, mark: { type: 'line', point: { size: 30 }, color: EXPERIMENT_COLORS.reference }, encoding: { x: X, y: { field: 'value', type: 'quantitative' } } },
        { data: { values: latency.filter((x) => x.latencyLimitMs !== null).map((x) => ({ at: x.at, value: x.latencyLimitMs })) }, mark: { type: 'line', color: EXPERIMENT_COLORS.limit, strokeDash: [6, 3] }, encoding: { x: X, y: { field: 'value', type: 'quantitative' } } },
      ]),
      limitPanel('Score drift (Jensen–Shannon)', 'distance', w.filter((x) => x.scoreDrift !== null).map((x) => ({ at: x.at, value: x.scoreDrift })), l.maxScoreDrift),
    ],
  } as unknown as TopLevelSpec;
}

/** Stages as bars and the people's controls as labelled marks, on one time axis. */
export function courseSpec(stages: readonly StageChange[], controls: readonly ChartControl[], endAt: string): TopLevelSpec {
  const bars = stages.map((s, i) => ({ at: s.at, to: stages[i + 1]?.at ?? endAt, stage: s.stage, lane: 'stage' }));
  const marks = controls.map((c) => ({ at: c.at, lane: 'people', label: `${c.action.replace('_', '-')} · ${c.by}` }));
  const y = { field: 'lane', type: 'nominal', title: null, scale: { domain: ['stage', 'people'] } };
  return {
    title: 'Stages and human actions',
    width: SIZE.width,
    height: 90,
    layer: [
      { data: { values: bars }, mark: { type: 'bar', cornerRadius: 2, opacity: 0.85 }, encoding: { x: X, x2: { field: 'to' }, y, color: { field: 'stage', type: 'nominal', title: 'stage', scale: { scheme: 'tableau10' } } } },
      { data: { values: marks }, mark: { type: 'point', shape: 'diamond', filled: true, size: 90, color: EXPERIMENT_COLORS.control }, encoding: { x: X, y } },
      { data: { values: marks }, mark: { type: 'text', angle: -20, align: 'left', dx: 6, dy: -8, fontSize: 10, color: EXPERIMENT_COLORS.control }, encoding: { x: X, y, text: { field: 'label' } } },
    ],
  } as unknown as TopLevelSpec;
}
