import { analyseEvaluation, type EvaluationReportInput, type ModelAnalysis } from './evaluation-analysis';
import { DUPLICATE_WARNING_SHARE } from '../data/dataset-content';
import {
  compareMetric,
  duplicateWarning,
  formatCount,
  formatPercent,
  formatValue,
  REPORTED_METRICS,
} from './evaluation-format';
import type { ReportImportance } from './importance-section';

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

/** Columns listed in the text summary's importance table. */
const TEXT_IMPORTANCE_COLUMNS = 5;

/**
 * The columns the evaluated model relies on most (by permutation importance), with
 * production's numbers beside them when the evaluation compares.
 */
function importanceLines(importance: ReportImportance, models: readonly ModelAnalysis[]): string[] {
  const { model, production } = importance;
  const order = model.columns
    .map((column, j) => ({ column, j }))
    .sort((a, b) => model.permutation.mean[b.j]! - model.permutation.mean[a.j]!)
    .slice(0, TEXT_IMPORTANCE_COLUMNS);
  const at = (g: typeof model, column: string) => g.columns.indexOf(column);
  const header = production
    ? ['', `AUC drop: ${models[0]!.label}`, models[1]?.label ?? 'production', `mean |attr.|: ${models[0]!.label}`, models[1]?.label ?? 'production']
    : ['', 'AUC drop when shuffled', 'mean |attribution|'];
  return columns([
    header,
    ...order.map(({ column, j }) =>
      production
        ? [
            column,
            model.permutation.mean[j]!.toFixed(3),
            production.permutation.mean[at(production, column)]!.toFixed(3),
            model.meanAbsAttribution.values[j]!.toFixed(3),
            production.meanAbsAttribution.values[at(production, column)]!.toFixed(3),
          ]
        : [column, model.permutation.mean[j]!.toFixed(3), model.meanAbsAttribution.values[j]!.toFixed(3)],
    ),
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

/** The duplicates line (and a warning when copies dominate), or nothing when unknown. */
function duplicateLines(input: EvaluationReportInput): string[] {
  if (!input.duplicates) return [];
  const { dataset, scoredRows } = input.duplicates;
  const lines = [
    field(
      'Duplicates',
      `${formatPercent(dataset.duplicateShare)} of the dataset's ${formatCount(dataset.rows)} rows repeat another row; ` +
        `${formatPercent(scoredRows.duplicateShare)} of the scored rows repeat another scored row`,
    ),
  ];
  if (dataset.duplicateShare > DUPLICATE_WARNING_SHARE) lines.push(`Warning: ${duplicateWarning(dataset)}`);
  return lines;
}

/**
 * The plain-text evaluation summary for terminals and CI logs (the seed
 * project's `evaluation_<timestamp>.txt`): provenance, the metrics (with
 * production and the change when given), the columns the model relies on most
 * (when importance is given), and per model the confusion matrix
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
    ...duplicateLines(input),
    '',
    `Metrics (threshold metrics at ${threshold})`,
    ...metricLines(models),
  ];
  if (input.importance) {
    lines.push(
      '',
      `What the model relies on (top ${TEXT_IMPORTANCE_COLUMNS} columns by permutation importance)`,
      ...importanceLines(input.importance, models),
    );
  }
  for (const model of models) {
    lines.push('', `Confusion matrix: ${model.label} at ${threshold}`, ...confusionLines(model));
    lines.push('', `Threshold table: ${model.label}`, ...thresholdLines(model));
  }
  return `${lines.join('\n')}\n`;
}
