/**
 * The HTML report of a hyper-parameter study: the verdict on model families
 * (DNN against the logistic-regression baseline, DeLong's test on the test
 * split), the best trial, the optimisation history, learning curves with the
 * pruned trials, parameter importances and parallel coordinates — Vega-Lite
 * rendered to inline SVG on the shared report toolkit (no script, works offline).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { FamilyComparison, PairedComparison } from '../pipeline/compare-families';
import { distributionOf, parameterImportances } from '../tuning/importance';
import type { SearchSpace } from '../tuning/search-space';
import { TrialState, type FinishedTrial } from '../tuning/trial-record';
import { CHART_COLORS, inlineSvg, renderChartSvg } from './charts';
import { dataTable, figure, note, section, summaryCards } from './html-components';
import { html, htmlPage, trustedHtml, type SafeHtml } from './html-document';

/** What the report shows. */
export interface StudyReportInput {
  readonly studyId: string;
  readonly datasetMd5: string;
  readonly sampler: string;
  readonly seed: number;
  readonly space: SearchSpace;
  readonly trials: readonly FinishedTrial[];
  readonly comparison?: FamilyComparison;
  /** When the report was made (ISO-8601). */
  readonly createdAt: string;
}

const STATE_COLORS = { complete: CHART_COLORS.candidate, pruned: CHART_COLORS.production, failed: CHART_COLORS.reference };
const fmt = (v: number | null | undefined, digits = 4) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '—');

async function chart(spec: TopLevelSpec): Promise<SafeHtml> {
  return trustedHtml(inlineSvg(await renderChartSvg(spec)));
}

function historySpec(trials: readonly FinishedTrial[]): TopLevelSpec {
  let best = -Infinity;
  const values = trials.map((t) => {
    const v = t.state === TrialState.Complete && typeof t.value === 'number' ? t.value : null;
    if (v !== null) best = Math.max(best, v);
    const last = t.intermediate.filter((x): x is number => typeof x === 'number').at(-1) ?? null;
    return { trial: t.number, state: t.state, value: v ?? last, best: Number.isFinite(best) ? best : null };
  });
  return {
    title: 'Optimisation history',
    description: 'Objective per trial and best so far',
    width: 640,
    height: 260,
    data: { values },
    layer: [
      {
        mark: { type: 'point', filled: true, size: 50 },
        encoding: {
          x: { field: 'trial', type: 'quantitative', title: 'trial' },
          y: { field: 'value', type: 'quantitative', title: 'validation ROC AUC', scale: { zero: false } },
          color: {
            field: 'state',
            type: 'nominal',
            title: 'trial',
            scale: { domain: Object.keys(STATE_COLORS), range: Object.values(STATE_COLORS) },
          },
        },
      },
      {
        mark: { type: 'line', interpolate: 'step-after', color: '#1f2933' },
        encoding: { x: { field: 'trial', type: 'quantitative' }, y: { field: 'best', type: 'quantitative' } },
      },
    ],
  };
}

function curvesSpec(trials: readonly FinishedTrial[]): TopLevelSpec {
  const values = trials.flatMap((t) =>
    t.intermediate.map((v, i) => ({ trial: t.number, state: t.state, epoch: i + 1, value: v })).filter((p) => p.value !== null),
  );
  return {
    title: 'Validation ROC AUC per epoch (pruned trials stop early)',
    width: 640,
    height: 260,
    data: { values },
    mark: { type: 'line', opacity: 0.7, strokeWidth: 1.5 },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'epoch (pruning step)' },
      y: { field: 'value', type: 'quantitative', title: 'validation ROC AUC', scale: { zero: false } },
      detail: { field: 'trial', type: 'nominal' },
      color: {
        field: 'state',
        type: 'nominal',
        title: 'trial',
        scale: { domain: Object.keys(STATE_COLORS), range: Object.values(STATE_COLORS) },
      },
    },
  };
}

function importanceSpec(rows: readonly { name: string; importance: number }[]): TopLevelSpec {
  return {
    title: 'Parameter importances (share of η²)',
    width: 480,
    height: { step: 22 },
    data: { values: rows.map((r) => ({ ...r })) },
    mark: { type: 'bar', color: CHART_COLORS.candidate },
    encoding: {
      y: { field: 'name', type: 'nominal', sort: '-x', title: null },
      x: { field: 'importance', type: 'quantitative', title: 'importance', scale: { domain: [0, 1] } },
    },
  };
}

/** Each trial's parameters scaled to [0, 1] over the search space (log scale for log parameters). */
function parallelSpec(space: SearchSpace, trials: readonly FinishedTrial[]): TopLevelSpec {
  const complete = trials.filter((t) => t.state === TrialState.Complete && typeof t.value === 'number');
  const names = [...new Set(complete.flatMap((t) => Object.keys(t.params)))].sort();
  const scale = (name: string, v: unknown): number | null => {
    const d = distributionOf(space, name);
    if (!d) return null;
    if (d.type === 'categorical') return d.choices.length < 2 ? 0.5 : d.choices.indexOf(v as never) / (d.choices.length - 1);
    if (typeof v !== 'number') return null;
    if (d.high === d.low) return 0.5;
    return d.log ? (Math.log(v) - Math.log(d.low)) / (Math.log(d.high) - Math.log(d.low)) : (v - d.low) / (d.high - d.low);
  };
  const values = complete.flatMap((t) =>
    names
      .filter((n) => n in t.params)
      .map((n) => ({ trial: t.number, parameter: n, position: scale(n, t.params[n]), objective: t.value })),
  );
  return {
    title: 'Parallel coordinates (each line a completed trial; 0–1 = low–high of the space)',
    width: Math.max(480, names.length * 80),
    height: 280,
    data: { values },
    mark: { type: 'line', opacity: 0.75, strokeWidth: 1.5 },
    encoding: {
      x: { field: 'parameter', type: 'nominal', sort: names, title: null, axis: { labelAngle: -30 } },
      y: { field: 'position', type: 'quantitative', title: 'position in range', scale: { domain: [0, 1] } },
      detail: { field: 'trial', type: 'nominal' },
      color: { field: 'objective', type: 'quantitative', title: 'validation ROC AUC', scale: { scheme: 'viridis' } },
    },
  };
}

function verdict(comparison: FamilyComparison | undefined): SafeHtml {
  const d: PairedComparison | undefined = comparison?.dnnVsLogreg;
  if (!comparison || !d) {
    return note('The study did not complete trials of both families, so there is no DNN-vs-baseline comparison.');
  }
  const tone = d.pValue < 1 - d.confidenceLevel ? (d.difference > 0 ? 'good' : 'bad') : 'neutral';
  return html`<div class="verdict ${tone === 'neutral' ? '' : tone}">${d.summary.charAt(0).toUpperCase()}${d.summary.slice(1)}.</div>
    ${note(
      `DeLong's test for paired ROC AUCs (DeLong et al. 1988) on the ${comparison.testRows} held-out test rows, which no trial was selected on; the same statistic as pROC's roc.test(method = "delong", paired = TRUE).`,
    )}`;
}

/** Renders the study report as one self-contained HTML page. */
export async function renderStudyReport(input: StudyReportInput): Promise<string> {
  const { trials, comparison } = input;
  const complete = trials.filter((t) => t.state === TrialState.Complete && typeof t.value === 'number');
  const best = complete.reduce<FinishedTrial | undefined>((a, t) => (a === undefined || t.value! > a.value! ? t : a), undefined);
  const count = (s: string) => trials.filter((t) => t.state === s).length;
  const importances = parameterImportances(input.space, trials);
  const cards = summaryCards([
    { label: 'trials', value: String(trials.length), detail: `${count('complete')} complete, ${count('pruned')} pruned, ${count('failed')} failed` },
    { label: 'best validation ROC AUC', value: fmt(best?.value), detail: best ? `trial ${best.number} (${String(best.params.modelFamily ?? 'dnn')})` : 'no completed trial' },
    ...(comparison?.dnn ? [{ label: 'best DNN, test ROC AUC', value: fmt(comparison.dnn.metrics.rocAuc), detail: `trial ${comparison.dnn.trials.join(', ')}` }] : []),
    ...(comparison?.logreg ? [{ label: 'best logistic regression, test', value: fmt(comparison.logreg.metrics.rocAuc), detail: `trial ${comparison.logreg.trials.join(', ')}` }] : []),
    ...(comparison?.ensemble ? [{ label: 'ensemble of top trials, test', value: fmt(comparison.ensemble.metrics.rocAuc), detail: `trials ${comparison.ensemble.trials.join(', ')}` }] : []),
  ]);
  const [history, curves, importance, parallel] = await Promise.all([
    chart(historySpec(trials)),
    chart(curvesSpec(trials)),
    importances.length > 0 ? chart(importanceSpec(importances)) : Promise.resolve(undefined),
    complete.length > 0 ? chart(parallelSpec(input.space, trials)) : Promise.resolve(undefined),
  ]);
  const body = html`${cards}
${section(
  'DNN against the baseline',
  'families',
  verdict(comparison),
  comparison?.ensembleVsBest ? note(`Ensemble (mean probability of the top trials): ${comparison.ensembleVsBest.summary}.`) : null,
)}
${section(
  'Best trial',
  'best',
  best
    ? dataTable({
        columns: [{ header: 'parameter' }, { header: 'value', numeric: true }],
        rows: Object.entries(best.params).map(([k, v]) => [k, String(v)]),
      })
    : note('No trial completed.'),
)}
${section('Optimisation history', 'history', figure(history, 'Each point a trial (pruned trials at their last reported value); the line is the best completed trial so far.'), figure(curves, 'Learning curves: the median pruner stops a trial whose best value is below the median of completed trials at the same epoch.'))}
${section(
  'Parameter importances',
  'importance',
  importance
    ? figure(importance, 'Share of the objective’s variance explained by each parameter alone (correlation ratio η² over choices, or quartiles of the value), normalised to sum to 1. A simple first-order measure, not fANOVA.')
    : note('Too few completed trials to judge importances.'),
)}
${section('Parallel coordinates', 'parallel', parallel ? figure(parallel, 'Each line a completed trial, coloured by its validation ROC AUC.') : note('No completed trial.'))}
${section(
  'Trials',
  'trials',
  dataTable({
    columns: [{ header: 'trial', numeric: true }, { header: 'state' }, { header: 'family' }, { header: 'validation ROC AUC', numeric: true }, { header: 'epochs', numeric: true }, { header: 'parameters' }],
    rows: trials.map((t) => [
      String(t.number),
      t.state,
      String(t.params.modelFamily ?? 'dnn'),
      fmt(t.value),
      String(t.intermediate.length),
      Object.entries(t.params)
        .filter(([k]) => k !== 'modelFamily')
        .map(([k, v]) => `${k}=${typeof v === 'number' && !Number.isInteger(v) ? v.toPrecision(3) : String(v)}`)
        .join(' '),
    ]),
    ...(best ? { highlightRows: [trials.indexOf(best)] } : {}),
  }),
)}`;
  return htmlPage({
    title: `Hyper-parameter study: ${input.studyId}`,
    subtitle: `${input.sampler} sampler, seed ${input.seed}; dataset md5 ${input.datasetMd5}; ${input.createdAt}`,
    body,
  });
}
