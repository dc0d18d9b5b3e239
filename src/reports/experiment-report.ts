/**
 * The HTML report of a shadow / canary experiment: the decision, per-arm
 * counts over the batches, the effect with its confidence sequence narrowing,
 * the always-valid p-values against α, each guardrail against its limit, and
 * the stages and human actions (who and when) — Vega-Lite rendered to inline
 * SVG on the shared report toolkit (no script, works offline). Its input is
 * the experiment workflow's `status` query answer (structurally; this module
 * imports nothing from Temporal).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentReport, TestReport } from '../experiments/experiment-stats';
import type { GuardrailReport } from '../experiments/guardrails';
import type { ExperimentTimeline } from '../experiments/timeline';
import { inlineSvg, renderChartSvg } from './charts';
import { countsSpec, courseSpec, effectSpec, guardrailsSpec, pausedStretches, pValueSpec } from './experiment-charts';
import { dataTable, figure, note, section, summaryCards, type SummaryCard } from './html-components';
import { html, htmlPage, trustedHtml, type SafeHtml } from './html-document';

/** A control as recorded by the workflow. */
export interface ReportControl {
  readonly action: string;
  readonly by: string;
  readonly at: string;
  readonly share?: number;
  readonly reason?: string;
  readonly via: string;
}

/** What the report shows: the experiment workflow's status (see workflows/experiment-messages.ts). */
export interface ExperimentReportInput {
  readonly experimentId: string;
  readonly candidate: string;
  readonly production: string | null;
  readonly policy: string;
  readonly stage: string;
  readonly paused: boolean;
  readonly canaryShare: number;
  readonly startedAt: string;
  readonly deadline: string | null;
  readonly report: ExperimentReport | null;
  readonly breach: GuardrailReport | null;
  readonly controls: readonly ReportControl[];
  readonly approval?: { readonly answer: string; readonly approver: string; readonly comment: string; readonly answeredAt: string };
  readonly outcome?: string;
  readonly reason?: string;
  readonly run: number;
  /** Absent in the status of experiments started before the report existed. */
  readonly timeline?: ExperimentTimeline | null;
}

const GOOD = new Set(['promoted', 'candidate_better']);
const BAD = new Set(['rolled_back', 'candidate_worse', 'aborted', 'rejected']);
const num = (v: number | null | undefined, digits = 4) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '—');
const bound = (v: number | null, side: 'lower' | 'upper') => (v === null ? (side === 'lower' ? '−∞' : '∞') : num(v));

async function chart(spec: TopLevelSpec, caption: string): Promise<SafeHtml> {
  return figure(trustedHtml(inlineSvg(await renderChartSvg(spec))), caption);
}

function decision(s: ExperimentReportInput): SafeHtml {
  if (!s.outcome) {
    return html`<div class="verdict">Running: ${s.stage}${s.paused ? ' (paused)' : ''}, canary share ${s.canaryShare}. No decision yet.</div>`;
  }
  const tone = GOOD.has(s.outcome) ? ' good' : BAD.has(s.outcome) ? ' bad' : '';
  return html`<div class="verdict${tone}">${s.outcome.replace(/_/g, ' ')}: ${s.reason ?? ''}</div>
${s.approval ? note(`${s.approval.answer} by ${s.approval.approver} at ${s.approval.answeredAt}${s.approval.comment ? `: ${s.approval.comment}` : ''}`) : null}`;
}

function cards(s: ExperimentReportInput): SafeHtml {
  const r = s.report;
  const list: SummaryCard[] = [
    { label: 'stage', value: s.stage.replace(/_/g, ' '), detail: `${s.policy.replace(/_/g, ' ')}; run ${s.run}` },
  ];
  if (r) {
    const t = r.armTest;
    list.push(
      { label: 'batches', value: String(r.batches), detail: `shadow ${r.predictions.shadow} rows` },
      { label: 'candidate arm', value: String(r.arms.candidate.predictions), detail: `${r.arms.candidate.outcomes} outcomes, success ${num(r.arms.candidate.successRate, 3)}` },
      { label: 'production arm', value: String(r.arms.production.predictions), detail: `${r.arms.production.outcomes} outcomes, success ${num(r.arms.production.successRate, 3)}` },
      { label: `effect (${t.metric})`, value: num(t.effect), detail: `CS [${bound(t.lower, 'lower')}, ${bound(t.upper, 'upper')}]`, change: `p = ${num(t.pValue)}`, tone: t.verdict === 'candidate_better' ? 'good' : t.verdict === 'candidate_worse' ? 'bad' : 'neutral' },
    );
  }
  return summaryCards(list);
}

function testsTable(r: ExperimentReport): SafeHtml {
  const row = (name: string, t: TestReport) => [name, t.metric, String(t.observations), String(t.looks), num(t.effect), `[${bound(t.lower, 'lower')}, ${bound(t.upper, 'upper')}]`, num(t.pValue), t.verdict];
  return dataTable({
    caption: `Both tests at the last batch (confidence sequences at level ${1 - r.alpha})`,
    columns: [{ header: 'test' }, { header: 'metric' }, { header: 'observations', numeric: true }, { header: 'looks', numeric: true }, { header: 'effect', numeric: true }, { header: 'confidence sequence' }, { header: 'always-valid p', numeric: true }, { header: 'verdict' }],
    rows: [row('decision (canary arms)', r.armTest), row('paired (same rows)', r.pairedLogLoss)],
  });
}

function controlsTable(controls: readonly ReportControl[]): SafeHtml {
  if (controls.length === 0) return note('Nobody changed the share, paused, resumed or aborted this experiment.');
  return dataTable({
    columns: [{ header: 'when (UTC)' }, { header: 'action' }, { header: 'who' }, { header: 'via' }, { header: 'share', numeric: true }, { header: 'reason' }],
    rows: controls.map((c) => [c.at, c.action, c.by, c.via, c.share === undefined ? '' : String(c.share), c.reason ?? '']),
  });
}

function guardrailText(g: GuardrailReport | null): SafeHtml {
  if (!g) return note('No guardrail window has filled yet.');
  const state = g.breaches.length ? `BREACHED: ${g.breaches.map((b) => b.message).join('; ')}` : 'within every limit';
  return note(`Last window (${g.candidateRequests} candidate requests): error rate ${num(g.errorRate)}, p99 candidate ${num(g.candidateP99Ms, 2)} ms vs production ${num(g.productionP99Ms, 2)} ms, score drift ${num(g.scoreDrift, 3)} — ${state}.`);
}

/** Renders the experiment report as one self-contained HTML page. */
export async function renderExperimentReport(s: ExperimentReportInput, createdAt: string): Promise<string> {
  const t = s.timeline ?? null;
  const points = t?.points ?? [];
  const stages = t?.stages ?? [{ stage: s.stage, at: s.startedAt }];
  const endAt = s.outcome ? (stages[stages.length - 1]?.at ?? createdAt) : createdAt;
  const paused = pausedStretches(s.controls, endAt);
  const metric = t?.limits.metric ?? s.report?.armTest.metric ?? 'success_rate';
  const alpha = t?.limits.alpha ?? s.report?.alpha ?? 0.05;
  const armPoints = points.some((p) => p.armTest.effect !== null);
  const pairedPoints = points.some((p) => p.pairedLogLoss.effect !== null);
  const [course, counts, armEffect, pairedEffect, pValues, guardrails] = await Promise.all([
    chart(courseSpec(stages, s.controls, endAt), 'Stage bars from entry to the next stage; diamonds are the controls people sent (action · who).'),
    points.length ? chart(countsSpec(points, paused), 'Cumulative rows after each batch; shaded stretches were paused (production answered alone).') : undefined,
    armPoints ? chart(effectSpec(points, 'armTest', `Decision test: ${metric} difference (candidate − production)`, 'effect', paused), `The band is the ${1 - alpha} confidence sequence (running intersection), valid at every look; it narrows as outcomes arrive. ${metric === 'log_loss' ? 'Below zero (lower log loss)' : 'Above zero (higher success rate)'} favours the candidate.`) : undefined,
    pairedPoints ? chart(effectSpec(points, 'pairedLogLoss', 'Paired log loss (candidate − production, same rows)', 'log-loss difference', paused), 'Both versions scored the same rows; below zero favours the candidate. The shadow stage decides on this test.') : undefined,
    points.length ? chart(pValueSpec(points, alpha, `decision (${metric})`), 'The always-valid p-value only falls; the test decides the first time it reaches α, however often it looked.') : undefined,
    t && t.windows.length ? chart(guardrailsSpec(t), 'One point per judged window; a point past a dashed limit rolls the candidate back to 0 % in that batch.') : undefined,
  ]);
  const body = html`${decision(s)}
${cards(s)}
${section('Stages and people', 'course', course, controlsTable(s.controls))}
${section('Traffic and outcomes', 'counts', counts ?? note('No batch has been analysed yet.'))}
${section(
  'Effect and confidence sequence',
  'effect',
  armEffect ?? note('The decision test has not looked yet (each arm needs its burn-in of outcomes).'),
  pairedEffect,
  s.report ? testsTable(s.report) : null,
)}
${section('Always-valid p-value', 'p-value', pValues ?? note('No batch yet.'))}
${section('Guardrails', 'guardrails', guardrails ?? null, guardrailText(s.breach ?? s.report?.guardrails ?? null))}
${note(
  html`Mixture SPRT (Johari, Pekelis &amp; Walsh, “Always Valid Inference”, Operations Research 2022), α = ${alpha}. ${
    t && t.thinned > 0 ? `${t.thinned} older batch summaries were merged away to keep the experiment's state small; the charts are that much coarser.` : ''
  }`,
)}`;
  return htmlPage({
    title: `Experiment: ${s.candidate} against ${s.production ?? '—'}`,
    subtitle: `${s.experimentId}; started ${s.startedAt}; ${s.outcome ? `ended ${endAt}` : `report of ${createdAt}`}`,
    body,
  });
}
