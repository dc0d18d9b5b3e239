/**
 * Orchestration overhead: retrains on the local dev server, each split from
 * its workflow history into activity time, approval wait and overhead.
 */
import { runNodeStep, type StepOutcome } from '../lib/child';
import { progress, trainingCsv, valueOf, type BenchContext } from '../lib/context';
import { millis, renderTable, seconds } from '../lib/format';
import { median } from '../lib/stats';
import type { OrchestrationResult } from '../steps/orchestration';

/** The orchestration section's results. */
export interface OrchestrationSection {
  readonly outcome: StepOutcome<OrchestrationResult>;
  readonly medianOverheadMs?: number;
}

/** Runs the section on the 10k dataset (the bundled data's size). */
export async function benchOrchestration(ctx: BenchContext): Promise<OrchestrationSection> {
  const dataset = await trainingCsv(ctx, '10k');
  progress(ctx, `orchestration: dev server, worker, ${ctx.options.retrains} retrain(s) on 10k rows`);
  const outcome = await runNodeStep<OrchestrationResult>('orchestration', {
    dataset,
    retrains: ctx.options.retrains,
  });
  const retrains = valueOf(outcome)?.retrains ?? [];
  return { outcome, medianOverheadMs: median(retrains.map((r) => r.overheadMs)) };
}

/** The section as text. */
export function orchestrationTable(section: OrchestrationSection): string {
  const v = valueOf(section.outcome);
  if (!v) return `Orchestration overhead: unavailable: ${section.outcome.ok ? '' : section.outcome.error}`;
  const rows = v.retrains.map((r, i) => [
    `#${i + 1} ${r.outcome}`,
    seconds(r.workflowMs),
    seconds(r.activityMs),
    millis(r.approvalWaitMs),
    millis(r.overheadMs),
    `${((100 * r.overheadMs) / (r.workflowMs - r.approvalWaitMs)).toFixed(1)} %`,
    millis(r.scheduleToStartMs),
    String(r.workflowTasks),
    String(r.events),
  ]);
  return [
    `Orchestration overhead: retrain workflow on 10k rows, dev server + in-process worker (server start ${seconds(v.serverStartMs)}, workflow bundle ${seconds(v.bundleMs)}, once per worker)`,
    renderTable(
      [
        'retrain',
        'workflow',
        'in activities',
        'approval wait',
        'overhead',
        'of workflow',
        'sched→start',
        'wf tasks',
        'events',
      ],
      rows,
    ),
    `median overhead ${millis(section.medianOverheadMs)} per retrain`,
  ].join('\n');
}
