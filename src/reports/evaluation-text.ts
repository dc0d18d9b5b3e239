import { analyseEvaluation, type EvaluationReportInput, type ModelAnalysis } from './evaluation-analysis';
import { compareMetric, formatCount, formatPercent, formatValue, REPORTED_METRICS } from './evaluation-format';

/** Lays out rows as columns: the first left-aligned, the others right-aligned. */
function columns(rows: ReadonlyArray<readonly string[]>, indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('   ')
        .trimEnd(),
  );
}

/** A `key:  value` provenance line. */
function field(key: string, value: string): string {
  return `${`${key}:`.padEnd(14)}${value}`;
}

function metricLines(models: readonly ModelAnalysis[]): string[] {
  const [model, production] = models;
  if (!production) {
    return columns(REPORTED_METRICS.map(({ name, label }) => [label, formatValue(model!.metrics[name])]));
  }
  return columns([
    ['', model!.label, production.label, 'change'],
    ...REPORTED_METRICS.map(({ name, label }) => {
      const c = compareMetric(name, model!.metrics, production.metrics);
      return [label, c.model, c.production, c.change];
    }),
  ]);
}

function confusionLines(model: ModelAnalysis): string[] {
  const { tn, fp, fn, tp } = model.metrics.confusion;
  return columns([
    ['', 'predicted 0', 'predicted 1'],
    ['actual 0 (no match)', formatCount(tn), formatCount(fp)],
    ['actual 1 (match)', formatCount(fn), formatCount(tp)],
  ]);
}

function thresholdLines(model: ModelAnalysis): string[] {
  return columns([
    ['threshold', 'precision', 'recall', 'F1', 'positive rate'],
    ...model.thresholds.map((r) => [
      r.threshold.toFixed(1),
      r.precision.toFixed(3),
      r.recall.toFixed(3),
      r.f1.toFixed(3),
      formatPercent(r.positiveRate),
    ]),
  ]);
}

/**
 * The plain-text evaluation summary for terminals and CI logs (the seed
 * project's `evaluation_<timestamp>.txt`): provenance, the metrics (with
 * production and the change when given), and per model the confusion matrix
 * at the decision threshold and the threshold table.
 *
 * @throws {@link MetricInputError} on mismatched lengths, empty input, labels other than 0/1 or probabilities outside [0, 1]
 */
export function renderEvaluationText(input: EvaluationReportInput): string {
  const { models, rows, positiveRate, threshold } = analyseEvaluation(input, 3);
  const title = input.title ?? `Model evaluation: ${input.modelVersion}`;
  const lines = [
    title,
    '='.repeat(title.length),
    field('Model', models.map((m) => m.label).join(' vs ')),
    field('Dataset md5', input.datasetMd5),
    field('Evaluated at', input.evaluatedAt),
    field('Rows', `${formatCount(rows)} (positive rate ${formatPercent(positiveRate)})`),
    '',
    `Metrics (threshold metrics at ${threshold})`,
    ...metricLines(models),
  ];
  for (const model of models) {
    lines.push('', `Confusion matrix: ${model.label} at ${threshold}`, ...confusionLines(model));
    lines.push('', `Threshold table: ${model.label}`, ...thresholdLines(model));
  }
  return `${lines.join('\n')}\n`;
}
