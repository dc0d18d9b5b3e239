/**
 * The approval status's "what the model relies on": each model's top columns
 * by permutation importance (ROC AUC drop ± sd) and mean |attribution|, and
 * the columns that moved most between production and the candidate.
 */
import type { ImportanceSummary, ModelImportanceSummary } from '../src/pipeline/importance-summary';
import { formatTable } from './format-table';

function num(value: number, digits = 4): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${num(value)}`;
}

function modelTable(title: string, model: ModelImportanceSummary): string {
  const rows = model.top.map((c) => [
    c.column,
    `${num(c.permutation)} ± ${num(c.permutationStd)}`,
    num(c.meanAbsAttribution),
  ]);
  return `${title} (${model.version}), top columns:\n${formatTable([['column', 'permutation (AUC drop)', 'mean |attribution|'], ...rows])}`;
}

/** Renders the importance summary of a retrain's status. */
export function formatImportance(summary: ImportanceSummary): string {
  const parts = [modelTable('candidate', summary.candidate)];
  if (summary.production) parts.push(modelTable('production', summary.production));
  if (summary.moved.length > 0) {
    const rows = summary.moved.map((m) => [
      m.column,
      signed(m.permutation.change),
      signed(m.meanAbsAttribution.change),
    ]);
    parts.push(
      `moved most (candidate − production):\n${formatTable([['column', 'Δ permutation', 'Δ mean |attribution|'], ...rows])}`,
    );
  }
  return parts.join('\n\n');
}
