import type { TopLevelSpec } from 'vega-lite';
import { DEFAULT_CALIBRATION_BINS } from '../metrics';
import { inlineSvg, renderChartSvg } from './charts';
import { analyseEvaluation, type EvaluationReportInput, type ModelAnalysis } from './evaluation-analysis';
import {
  binCountChartSpec,
  calibrationChartSpec,
  confusionChartSpec,
  precisionRecallChartSpec,
  rocChartSpec,
} from './evaluation-charts';
import { DUPLICATE_WARNING_SHARE } from '../data/dataset-content';
import {
  compareMetric,
  duplicateWarning,
  formatCount,
  formatPercent,
  formatValue,
  REPORTED_METRICS,
  UNDEFINED_ONE_CLASS,
} from './evaluation-format';
import { dataTable, figure, note, section, summaryCards, type SummaryCard } from './html-components';
import { html, htmlPage, trustedHtml, type SafeHtml } from './html-document';
import { importanceSection } from './importance-section';

export type { EvaluationReportInput } from './evaluation-analysis';
export { renderEvaluationText } from './evaluation-text';

async function chart(spec: TopLevelSpec, caption: string): Promise<SafeHtml> {
  return figure(trustedHtml(inlineSvg(await renderChartSvg(spec))), caption);
}

function cards(
  models: readonly ModelAnalysis[],
  rows: number,
  positiveRate: number,
  threshold: number,
  duplicates: EvaluationReportInput['duplicates'],
) {
  const [model, production] = models;
  const card = (label: string, name: (typeof REPORTED_METRICS)[number]['name']): SummaryCard => {
    // Both models are scored on the same rows, so an AUC undefined for one is
    // undefined for both; a big "undefined" with the reason reads better than
    // a wrapped phrase.
    if (model!.metrics[name] === null) return { label, value: 'undefined', detail: 'one class only' };
    if (!production) return { label, value: formatValue(model!.metrics[name]) };
    const c = compareMetric(name, model!.metrics, production.metrics);
    // Colour alone must not carry the meaning: say which way the change goes.
    const verdict = { good: ' better', bad: ' worse', neutral: '' }[c.tone];
    const change = c.change === '' ? {} : { change: `${c.change}${verdict}`, tone: c.tone };
    return { label, value: c.model, detail: `production ${c.production}`, ...change };
  };
  return summaryCards([
    card('ROC AUC', 'rocAuc'),
    card('PR AUC', 'prAuc'),
    card(`F1 at ${threshold}`, 'f1'),
    card('Log loss', 'logLoss'),
    { label: 'Rows', value: formatCount(rows), detail: 'held-out rows scored' },
    { label: 'Positive rate', value: formatPercent(positiveRate), detail: 'rows labelled match' },
    ...(duplicates
      ? [
          {
            label: 'Duplicate rows',
            value: formatPercent(duplicates.dataset.duplicateShare),
            detail: `of the dataset's rows repeat another; ${formatPercent(duplicates.scoredRows.duplicateShare)} of the scored rows`,
            ...(duplicates.dataset.duplicateShare > DUPLICATE_WARNING_SHARE
              ? { change: 'dominated by copies', tone: 'bad' as const }
              : {}),
          },
        ]
      : []),
  ]);
}

function metricsTable(models: readonly ModelAnalysis[], threshold: number): SafeHtml {
  const [model, production] = models;
  const columns = [
    { header: 'metric' },
    { header: model!.label, numeric: true },
    ...(production ? [{ header: production.label, numeric: true }, { header: 'change', numeric: true }] : []),
  ];
  const rows = REPORTED_METRICS.map(({ name, label }) => {
    if (!production) return [label, formatValue(model!.metrics[name])];
    const c = compareMetric(name, model!.metrics, production.metrics);
    return [label, c.model, c.production, html`<span class="${c.tone}">${c.change}</span>`];
  });
  const caption = `F1, precision, recall and accuracy at threshold ${threshold}; log loss: lower is better.`;
  return dataTable({ caption, columns, rows });
}

async function curvesSection(models: readonly ModelAnalysis[], positiveRate: number): Promise<SafeHtml> {
  if (models[0]!.roc.length === 0) {
    return section(
      'ROC and precision–recall curves',
      'curves',
      note(`ROC AUC and PR AUC are ${UNDEFINED_ONE_CLASS}: the rows hold only one class, so there are no curves to draw.`),
    );
  }
  const captionSuffix = models.length > 1 ? ' for both models on the same rows' : '';
  return section(
    'ROC and precision–recall curves',
    'curves',
    html`<div class="grid-2">${[
      await chart(rocChartSpec(models), `ROC curve${captionSuffix}; dashed: chance.`),
      await chart(
        precisionRecallChartSpec(models, positiveRate),
        `Precision–recall curve${captionSuffix}; dashed: a classifier with no skill (precision = positive rate).`,
      ),
    ]}</div>`,
  );
}

async function confusionSection(models: readonly ModelAnalysis[], threshold: number): Promise<SafeHtml> {
  const figures = await Promise.all(
    models.map((m) =>
      chart(
        confusionChartSpec(`${m.label} at threshold ${threshold}`, m.metrics.confusion),
        `Confusion matrix of ${m.label}: row counts, and in each cell the share of its actual class (darker is larger).`,
      ),
    ),
  );
  return section('Confusion matrix', 'confusion', html`<div class="grid-2">${figures}</div>`);
}

async function calibrationSection(models: readonly ModelAnalysis[]): Promise<SafeHtml> {
  const tables = models.map((m) =>
    dataTable({
      caption: `Calibration bins of ${m.label} (empty bins omitted)`,
      columns: [
        { header: 'bin' },
        { header: 'rows', numeric: true },
        { header: 'mean predicted', numeric: true },
        { header: 'observed rate', numeric: true },
      ],
      rows: m.calibration.map((b) => [
        `${b.lower.toFixed(1)}–${b.upper.toFixed(1)}`,
        formatCount(b.count),
        b.meanPredicted.toFixed(3),
        b.fractionPositive.toFixed(3),
      ]),
    }),
  );
  return section(
    'Calibration',
    'calibration',
    html`<div class="grid-2">${[
      await chart(
        calibrationChartSpec(models),
        'Reliability diagram: points on the dashed diagonal are perfectly calibrated; above it the model under-predicts matches, below it over-predicts.',
      ),
      await chart(
        binCountChartSpec(models, DEFAULT_CALIBRATION_BINS),
        'How many rows fall in each probability bin: the weight behind each point of the reliability diagram.',
      ),
    ]}</div>`,
    html`<div class="grid-2">${tables}</div>`,
  );
}

function thresholdSection(models: readonly ModelAnalysis[], threshold: number): SafeHtml {
  const tables = models.map((m) =>
    dataTable({
      caption: `${m.label}: rows scoring at or above the threshold are proposed as matches`,
      columns: [
        { header: 'threshold', numeric: true },
        { header: 'precision', numeric: true },
        { header: 'recall', numeric: true },
        { header: 'F1', numeric: true },
        { header: 'positive rate', numeric: true },
      ],
      rows: m.thresholds.map((r) => [
        r.threshold.toFixed(1),
        r.precision.toFixed(3),
        r.recall.toFixed(3),
        r.f1.toFixed(3),
        formatPercent(r.positiveRate),
      ]),
      highlightRows: m.thresholds.flatMap((r, i) => (r.threshold === threshold ? [i] : [])),
    }),
  );
  return section('Threshold table', 'thresholds', html`<div class="grid-2">${tables}</div>`);
}

/**
 * Renders a self-contained HTML evaluation report for one model on held-out
 * rows, compared with production when its scores are given: summary cards,
 * a metrics table, ROC and precision–recall curves, the confusion matrix,
 * a reliability diagram with its bins, a threshold table and, when given, what
 * each model relies on (permutation importance and mean |attribution| per column). Charts are
 * inline SVG; the page has no script and loads nothing.
 *
 * @throws {@link MetricInputError} on mismatched lengths, empty input, labels other than 0/1 or probabilities outside [0, 1]
 */
export async function renderEvaluationReport(input: EvaluationReportInput): Promise<string> {
  const analysis = analyseEvaluation(input);
  const { models, rows, positiveRate, threshold } = analysis;
  const production = models[1];
  const subtitle = html`Evaluated ${input.evaluatedAt} on ${formatCount(rows)} held-out rows of dataset
    <code>${input.datasetMd5}</code>${production ? html`; ${models[0]!.label} compared with ${production.label}` : null}.`;
  const body = html`${section(
    'Summary',
    'summary',
    cards(models, rows, positiveRate, threshold, input.duplicates),
    input.duplicates && input.duplicates.dataset.duplicateShare > DUPLICATE_WARNING_SHARE
      ? note(`Warning: ${duplicateWarning(input.duplicates.dataset)}.`)
      : null,
    metricsTable(models, threshold),
  )}
${await curvesSection(models, positiveRate)}
${await confusionSection(models, threshold)}
${await calibrationSection(models)}
${thresholdSection(models, threshold)}
${input.importance ? await importanceSection(input.importance, { model: models[0]!.label, ...(production ? { production: production.label } : {}) }) : null}`;
  return htmlPage({ title: input.title ?? `Model evaluation: ${input.modelVersion}`, subtitle, body });
}
