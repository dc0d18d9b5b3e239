/** The experiment status as people read it in a terminal. */
import type { ExperimentReport, TestReport } from '../../src/experiments/experiment-stats';
import type { ExperimentStatus } from '../../workflows/experiment-messages';

const num = (value: number | null | undefined, digits = 4) =>
  value === null || value === undefined ? '—' : value.toFixed(digits);

function testLine(name: string, t: TestReport): string {
  return (
    `${name}: effect ${num(t.effect)} (candidate − production), ` +
    `confidence sequence [${t.lower === null ? '−∞' : num(t.lower)}, ${t.upper === null ? '∞' : num(t.upper)}], ` +
    `always-valid p ${num(t.pValue)}, ${t.looks} looks, ${t.observations} observations → ${t.verdict}`
  );
}

/** Lines of an experiment's numbers: per-arm counts, both tests (effect, confidence sequence, p), guardrails. */
export function formatExperimentReport(r: ExperimentReport): string[] {
  const arm = (name: string, a: typeof r.arms.candidate) =>
    `  ${name}: ${a.predictions} answered in the canary, ${a.outcomes} outcomes, success rate ${num(a.successRate, 3)}, log loss ${num(a.meanLogLoss)}`;
  const lines = [
    `Batches: ${r.batches}; predictions: shadow ${r.predictions.shadow}, canary candidate ${r.predictions.canaryCandidate}, canary production ${r.predictions.canaryProduction}, unassigned ${r.predictions.unassigned}`,
    arm('candidate ', r.arms.candidate),
    arm('production', r.arms.production),
    testLine(`Decision test (${r.armTest.metric}, α = ${r.alpha})`, r.armTest),
    testLine('Paired log loss (same rows)', r.pairedLogLoss),
  ];
  const g = r.guardrails;
  if (g) {
    lines.push(
      `Guardrails (last window, ${g.candidateRequests} requests): error rate ${num(g.errorRate)}, p99 candidate ${num(g.candidateP99Ms, 2)} ms vs production ${num(g.productionP99Ms, 2)} ms, score drift ${num(g.scoreDrift, 3)}${g.breaches.length ? ` — BREACHED: ${g.breaches.map((b) => b.message).join('; ')}` : ' — ok'}`,
    );
  }
  return lines;
}

/** Several lines: stage, arms, both tests, guardrails, controls. */
export function formatExperimentStatus(s: ExperimentStatus): string {
  const lines = [
    `Experiment ${s.experimentId}: ${s.candidate} against ${s.production ?? '—'} (${s.policy})`,
    `Stage: ${s.stage}${s.paused ? ' (paused)' : ''}; canary share ${s.canaryShare}; started ${s.startedAt}; ends by ${s.deadline ?? '—'}; run ${s.run}`,
  ];
  if (s.report) lines.push(...formatExperimentReport(s.report));
  if (s.breach) lines.push(`Rolled back: ${s.breach.breaches.map((b) => b.message).join('; ')}`);
  for (const c of s.controls) {
    lines.push(
      `Control: ${c.action}${c.share !== undefined ? ` ${c.share}` : ''} by ${c.by} at ${c.at} (${c.via})${c.reason ? `: ${c.reason}` : ''}`,
    );
  }
  if (s.approvalDeadline && !s.approval) lines.push(`Awaiting approval until ${s.approvalDeadline}`);
  if (s.approval) lines.push(`${s.approval.answer} by ${s.approval.approver} at ${s.approval.answeredAt}`);
  if (s.outcome) lines.push(`Outcome: ${s.outcome} — ${s.reason ?? ''}`);
  return lines.join('\n');
}
