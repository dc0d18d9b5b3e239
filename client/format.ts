import type { ClassificationMetrics } from '../src/metrics';
import type { RetrainExperimentStatus, RetrainStatus } from '../workflows/retrain-messages';
import { formatExperimentReport } from './commands/experiment-format';
import { formatImportance } from './format-importance';
import { formatTable } from './format-table';

export { formatTable } from './format-table';

const METRIC_ROWS: ReadonlyArray<[keyof ClassificationMetrics, string]> = [
  ['rocAuc', 'ROC AUC'],
  ['prAuc', 'PR AUC'],
  ['accuracy', 'accuracy'],
  ['precision', 'precision'],
  ['recall', 'recall'],
  ['f1', 'F1'],
  ['logLoss', 'log loss'],
];

function fixed(value: unknown, digits = 4): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '—';
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(4)}`;
}

/** Candidate and production metrics side by side, with the difference. */
export function formatMetricsComparison(
  candidate: ClassificationMetrics,
  production: { version: string; metrics: ClassificationMetrics } | null | undefined,
): string {
  const header = [
    'metric',
    'candidate',
    production ? `production (${production.version})` : 'production',
    'Δ',
  ];
  const rows = METRIC_ROWS.map(([key, label]) => {
    const c = candidate[key];
    const p = production?.metrics[key];
    const delta = typeof c === 'number' && typeof p === 'number' ? signed(c - p) : '';
    return [label, fixed(c), production ? fixed(p) : '(none)', delta];
  });
  const { tp, fp, tn, fn } = candidate.confusion;
  return `${formatTable([header, ...rows])}\ncandidate confusion matrix @${candidate.threshold}: TP ${tp}  FP ${fp}  TN ${tn}  FN ${fn}  (n=${candidate.count})`;
}

/** Human-readable status of a retrain. */
export function formatStatus(workflowId: string, status: RetrainStatus): string {
  const lines = [`workflow   ${workflowId}`, `stage      ${status.stage}`];
  if (status.datasetMd5)
    lines.push(`dataset    md5 ${status.datasetMd5} (${status.datasetRows ?? '?'} rows)`);
  if (status.version) lines.push(`candidate  ${status.version}`);
  const p = status.progress;
  if (p) {
    lines.push(
      `training   epoch ${p.epoch}/${p.maxEpochs}, loss ${fixed(p.loss)}, val AUC ${fixed(p.valRocAuc)} (best ${fixed(p.bestValRocAuc)} at epoch ${p.bestEpoch})` +
        (p.resumedFromEpoch > 0 ? `, resumed from epoch ${p.resumedFromEpoch}` : ''),
    );
  }
  if (status.candidateMetrics)
    lines.push('', formatMetricsComparison(status.candidateMetrics, status.production));
  if (status.verdict)
    lines.push(
      '',
      `verdict    ${status.verdict.qualifies ? 'qualifies' : 'does not qualify'}: ${status.verdict.reason}`,
    );
  if (status.importance) lines.push('', formatImportance(status.importance), '');
  if (status.experiment) lines.push(...formatRetrainExperiment(status.experiment), '');
  if (status.approvalDeadline && !status.approval)
    lines.push(`waiting    for approval until ${status.approvalDeadline}`);
  if (status.approval) {
    lines.push(
      `answer     ${status.approval.answer} by ${status.approval.approver} at ${status.approval.answeredAt}` +
        (status.approval.comment ? ` — "${status.approval.comment}"` : ''),
    );
  }
  if (status.outcome)
    lines.push(
      `outcome    ${status.outcome}${status.stage === 'records_pending' ? ', records pending' : ''}`,
    );
  if (status.trouble) lines.push(`trouble    ${status.trouble} (retrying; an alert was raised)`);
  return lines.join('\n');
}

/** The experiment part of a retrain's status: where it is, or its decision with the numbers behind it. */
export function formatRetrainExperiment(e: RetrainExperimentStatus): string[] {
  const policy = e.policy.replaceAll('_', ' ');
  if (e.state === 'skipped') return [`experiment ${policy}: skipped — ${e.reason ?? ''}`];
  if (e.state === 'running') {
    return [
      `experiment ${policy}: running as ${e.workflowId ?? '?'}` +
        ` (live numbers: legalaid-mlops experiment status ${e.workflowId ?? '<id>'})`,
    ];
  }
  const lines = [`experiment ${policy} (${e.workflowId ?? '?'}): ${e.outcome ?? '?'} — ${e.reason ?? ''}`];
  if (e.report) lines.push(...formatExperimentReport(e.report).map((line) => `  ${line}`));
  for (const c of e.controls ?? []) {
    lines.push(
      `  control: ${c.action}${c.share !== undefined ? ` ${c.share}` : ''} by ${c.by} at ${c.at}` +
        (c.reason ? `: ${c.reason}` : ''),
    );
  }
  return lines;
}
