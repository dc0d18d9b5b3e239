/**
 * The report's "What the model relies on" section: permutation importance and
 * mean |attribution| per raw column, each a chart with the evaluated model
 * beside production, and the columns that moved most between them.
 */
import type { GlobalImportance } from '../explain/global-importance';
import { importanceMovers } from '../explain/importance-movers';
import { inlineSvg, renderChartSvg } from './charts';
import { dataTable, figure, note, section } from './html-components';
import { html, trustedHtml, type SafeHtml } from './html-document';
import { importanceChartSpec, type ImportanceSeries } from './importance-charts';

/** Global importance of the evaluated model and, when compared, of production on the same rows. */
export interface ReportImportance {
  readonly model: GlobalImportance;
  readonly production: GlobalImportance | null;
}

/** How the section names the two models (as the rest of the report does). */
export interface ImportanceLabels {
  readonly model: string;
  readonly production?: string;
}

/** Movers listed in the section's table. */
const TABLE_MOVERS = 5;

const signed = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(3)}`;

async function chart(
  series: readonly ImportanceSeries[],
  columns: readonly string[],
  title: string,
  xTitle: string,
  caption: string,
): Promise<SafeHtml> {
  const svg = await renderChartSvg(importanceChartSpec({ title, xTitle, columns, series }));
  return figure(trustedHtml(inlineSvg(svg)), caption);
}

function moversTable(importance: ReportImportance, labels: ImportanceLabels): SafeHtml | null {
  if (importance.production === null) return null;
  const movers = importanceMovers(importance.model, importance.production, TABLE_MOVERS);
  return dataTable({
    caption: `Columns whose importance moved most (${labels.model} against ${labels.production ?? 'production'})`,
    columns: [
      { header: 'column' },
      { header: 'AUC drop: candidate', numeric: true },
      { header: 'production', numeric: true },
      { header: 'change', numeric: true },
      { header: 'mean |attr.|: candidate', numeric: true },
      { header: 'production', numeric: true },
      { header: 'change', numeric: true },
    ],
    rows: movers.map((m) => [
      m.column,
      m.permutation.candidate.toFixed(3),
      m.permutation.production.toFixed(3),
      signed(m.permutation.change),
      m.meanAbsAttribution.candidate.toFixed(3),
      m.meanAbsAttribution.production.toFixed(3),
      signed(m.meanAbsAttribution.change),
    ]),
  });
}

/** Renders the section: the evaluated model is coloured as the candidate (or lone model), production beside it. */
export async function importanceSection(
  importance: ReportImportance,
  labels: ImportanceLabels,
): Promise<SafeHtml> {
  const { model, production } = importance;
  const role = production === null ? 'model' : 'candidate';
  const permutationSeries: ImportanceSeries[] = [
    { label: labels.model, role, values: model.permutation.mean, spread: model.permutation.std },
    ...(production
      ? [
          {
            label: labels.production ?? 'production',
            role: 'production' as const,
            values: production.permutation.mean,
            spread: production.permutation.std,
          },
        ]
      : []),
  ];
  const attributionSeries: ImportanceSeries[] = [
    { label: labels.model, role, values: model.meanAbsAttribution.values },
    ...(production
      ? [
          {
            label: labels.production ?? 'production',
            role: 'production' as const,
            values: production.meanAbsAttribution.values,
          },
        ]
      : []),
  ];
  const p = model.permutation;
  const a = model.meanAbsAttribution;
  return section(
    'What the model relies on',
    'importance',
    note(
      html`Permutation importance: how much ROC AUC falls on the ${p.rowCount.toLocaleString('en-US')}
        held-out rows when one column's values are shuffled among them (mean of ${p.nRepeats} shuffles,
        whisker ± 1 standard deviation; scikit-learn's <code>permutation_importance</code>). Mean
        |attribution|: how far a column moves a single prediction, averaged over ${a.rowCount} of those rows
        (Shapley values of the match probability against a sample of the training rows,
        ${a.method === 'exact' ? 'exact' : 'KernelSHAP estimate'}).`,
    ),
    html`<div class="grid-2">
      ${[
        await chart(
          permutationSeries,
          model.columns,
          'Permutation importance',
          'ROC AUC drop when shuffled',
          'Permutation importance per raw column; longer bars: the ranking needs the column more.',
        ),
        await chart(
          attributionSeries,
          model.columns,
          'Mean |attribution|',
          'Mean |Shapley value| (probability)',
          'Mean absolute attribution per raw column; longer bars: the column moves predictions more.',
        ),
      ]}
    </div>`,
    moversTable(importance, labels),
  );
}
