import type { TopLevelSpec } from 'vega-lite';
import type { ConfusionMatrix } from '../metrics';
import { CHART_COLORS } from './charts';
import { curveChartSpec, type CurveSeries } from './curve-chart';
import type { CurvePoint } from './downsample';
import type { ModelAnalysis } from './evaluation-analysis';

function modelColor(model: ModelAnalysis): string {
  return model.role === 'production' ? CHART_COLORS.production : CHART_COLORS.candidate;
}

const DIAGONAL: readonly CurvePoint[] = [
  { x: 0, y: 0 },
  { x: 1, y: 1 },
];

function reference(name: string, points: readonly CurvePoint[]): CurveSeries {
  return { name, points, color: CHART_COLORS.reference, reference: true };
}

/** ROC curves of every model (AUC in the legend), with the chance diagonal. */
export function rocChartSpec(models: readonly ModelAnalysis[]): TopLevelSpec {
  return curveChartSpec({
    title: 'ROC curve',
    xTitle: 'False positive rate',
    yTitle: 'True positive rate (recall)',
    series: [
      ...models.map((m) => ({
        name: `${m.label} (AUC ${m.metrics.rocAuc?.toFixed(3) ?? 'undefined'})`,
        points: m.roc,
        color: modelColor(m),
      })),
      reference('chance (AUC 0.5)', DIAGONAL),
    ],
  });
}

/** Precision–recall curves of every model (average precision in the legend), with the no-skill baseline. */
export function precisionRecallChartSpec(models: readonly ModelAnalysis[], positiveRate: number): TopLevelSpec {
  return curveChartSpec({
    title: 'Precision–recall curve',
    xTitle: 'Recall',
    yTitle: 'Precision',
    series: [
      ...models.map((m) => ({
        name: `${m.label} (AP ${m.metrics.prAuc?.toFixed(3) ?? 'undefined'})`,
        points: m.pr,
        color: modelColor(m),
      })),
      reference(`no skill (positive rate ${positiveRate.toFixed(3)})`, [
        { x: 0, y: positiveRate },
        { x: 1, y: positiveRate },
      ]),
    ],
  });
}

/** Reliability diagram: mean predicted probability against the observed match rate per bin. */
export function calibrationChartSpec(models: readonly ModelAnalysis[]): TopLevelSpec {
  return curveChartSpec({
    title: 'Calibration (reliability diagram, 10 bins)',
    xTitle: 'Mean predicted probability',
    yTitle: 'Observed fraction of matches',
    dots: true,
    series: [
      ...models.map((m) => ({
        name: m.label,
        points: m.calibration.map((b) => ({ x: b.meanPredicted, y: b.fractionPositive })),
        color: modelColor(m),
      })),
      reference('perfectly calibrated', DIAGONAL),
    ],
  });
}

const CLASS_NAMES = ['0 · no match', '1 · match'] as const;

/** Counts and row rates (share of each actual class) of a confusion matrix, as a 2 × 2 heat-map. */
export function confusionChartSpec(title: string, confusion: ConfusionMatrix): TopLevelSpec {
  const [no, yes] = CLASS_NAMES;
  const negatives = confusion.tn + confusion.fp;
  const positives = confusion.fn + confusion.tp;
  const cell = (actual: string, predicted: string, count: number, total: number) => {
    const rate = total > 0 ? count / total : 0;
    return { actual, predicted, rate, text: `${count.toLocaleString('en-US')}\n${(rate * 100).toFixed(1)}%` };
  };
  const axis = { labelAngle: 0, domain: false, ticks: false, labelPadding: 6 };
  return {
    title,
    width: 260,
    height: 190,
    data: {
      values: [
        cell(no, no, confusion.tn, negatives),
        cell(no, yes, confusion.fp, negatives),
        cell(yes, no, confusion.fn, positives),
        cell(yes, yes, confusion.tp, positives),
      ],
    },
    encoding: {
      x: { field: 'predicted', type: 'nominal', title: 'Predicted', sort: [...CLASS_NAMES], axis: { ...axis, orient: 'top' } },
      y: { field: 'actual', type: 'nominal', title: 'Actual', sort: [...CLASS_NAMES], axis },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 2 },
        encoding: {
          color: { field: 'rate', type: 'quantitative', scale: { domain: [0, 1], scheme: 'blues' }, legend: null },
        },
      },
      {
        mark: { type: 'text', fontSize: 14, fontWeight: 600, lineBreak: '\n', lineHeight: 18 },
        encoding: {
          text: { field: 'text', type: 'nominal' },
          color: { condition: { test: 'datum.rate > 0.55', value: 'white' }, value: '#1f2933' },
        },
      },
    ],
  };
}

/**
 * Rows per probability bin (the calibration bins), one bar per model: where
 * the scores fall, and how much weight each point of the reliability diagram
 * carries.
 */
export function binCountChartSpec(models: readonly ModelAnalysis[], bins: number): TopLevelSpec {
  const name = (lower: number, upper: number) => `${lower.toFixed(1)}–${upper.toFixed(1)}`;
  const domain = Array.from({ length: bins }, (_, b) => name(b / bins, (b + 1) / bins));
  const values = models.flatMap((m) =>
    m.calibration.map((b) => ({ series: m.label, bin: name(b.lower, b.upper), rows: b.count })),
  );
  return {
    title: 'Rows per probability bin',
    width: 360,
    height: 300,
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'bin', type: 'ordinal', title: 'Predicted probability', scale: { domain }, axis: { labelAngle: -40 } },
      xOffset: { field: 'series', type: 'nominal', scale: { domain: models.map((m) => m.label) } },
      y: { field: 'rows', type: 'quantitative', title: 'Rows' },
      color: {
        field: 'series',
        type: 'nominal',
        scale: { domain: models.map((m) => m.label), range: models.map(modelColor) },
        legend: { title: null, orient: 'bottom', direction: 'vertical', labelLimit: 0, symbolType: 'square' },
      },
    },
  };
}
