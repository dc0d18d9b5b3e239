import type { DuplicateSummary } from '../data';
import { improvement, metricValue, type MetricName } from '../evaluation';
import { formatDelta } from '../evaluation/format-metric';
import type { ClassificationMetrics } from '../metrics';
import type { CardTone } from './html-components';

/** How an undefined metric reads: both AUCs are undefined when the rows hold one class only. */
export const UNDEFINED_ONE_CLASS = 'undefined (one class)';

/** A metric value with three decimals, or {@link UNDEFINED_ONE_CLASS}. */
export function formatValue(value: number | null): string {
  return value === null ? UNDEFINED_ONE_CLASS : value.toFixed(3);
}

/** A share as a percentage with one decimal: `23.1%`. */
export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** A count with thousands separators: `100,000`. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** The metrics the report lists, in order, with their display names. */
export const REPORTED_METRICS: ReadonlyArray<{ readonly name: MetricName; readonly label: string }> = [
  { name: 'rocAuc', label: 'ROC AUC' },
  { name: 'prAuc', label: 'PR AUC (average precision)' },
  { name: 'logLoss', label: 'Log loss' },
  { name: 'f1', label: 'F1' },
  { name: 'precision', label: 'Precision' },
  { name: 'recall', label: 'Recall' },
  { name: 'accuracy', label: 'Accuracy' },
];

/** A metric compared with production: the change, signed as the raw difference, and whether it is better. */
export interface MetricComparison {
  readonly model: string;
  readonly production: string;
  /** `+0.041`, or empty when either side is undefined. */
  readonly change: string;
  readonly tone: CardTone;
}

/**
 * Compares one metric of the evaluated model with production. The change is
 * the plain difference (model − production), so a log loss that drops reads
 * negative; the tone says whether that is better (log loss: lower is better).
 */
export function compareMetric(
  name: MetricName,
  model: ClassificationMetrics,
  production: ClassificationMetrics,
): MetricComparison {
  const a = metricValue(model, name);
  const b = metricValue(production, name);
  if (a === null || b === null) {
    return { model: formatValue(a), production: formatValue(b), change: '', tone: 'neutral' };
  }
  const gain = improvement(name, a, b);
  const change = formatDelta(a - b);
  const tone = Number(change) === 0 ? 'neutral' : gain > 0 ? 'good' : 'bad';
  return { model: formatValue(a), production: formatValue(b), change, tone };
}

/**
 * Why a dataset dominated by copies deserves a second look, in words: the
 * metrics weigh each copy, so they describe the few distinct rows.
 */
export function duplicateWarning(dataset: DuplicateSummary): string {
  return (
    `${formatPercent(dataset.duplicateShare)} of the dataset's rows are copies of another row ` +
    `(${formatCount(dataset.distinctRows)} distinct of ${formatCount(dataset.rows)}): every metric counts each copy, ` +
    'so it describes those few distinct rows; check the export for a join or append that repeated rows'
  );
}
