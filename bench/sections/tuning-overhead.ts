/**
 * The study workflow's orchestration overhead per trial (issue 18's target:
 * median ≤ 1 s), measured by `bench/steps/tuning-overhead.ts` on a study of
 * `--study-trials` trials run one at a time: per trial, its slot of the
 * study's wall time minus its training activity.
 */
import { runNodeStep, type StepOutcome } from '../lib/child';
import { progress, valueOf, type BenchContext } from '../lib/context';
import { millis, seconds } from '../lib/format';
import { median } from '../lib/stats';
import type { TuningOverheadResult } from '../steps/tuning-overhead';

/** The overhead measurement and its summary. */
export interface StudyOverhead {
  readonly outcome: StepOutcome<TuningOverheadResult>;
  readonly medianMs?: number;
  readonly p90Ms?: number;
  /** (Σ slots − Σ training) ÷ trials. */
  readonly meanMs?: number;
}

/** The value at quantile `q` (nearest rank). */
function quantile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** Runs the study and summarises the overhead per trial. */
export async function benchStudyOverhead(ctx: BenchContext): Promise<StudyOverhead> {
  const trials = ctx.options.studyTrials;
  progress(
    ctx,
    `tuning: study workflow overhead, dev server + in-process worker, ${trials} trials one at a time`,
  );
  const outcome = await runNodeStep<TuningOverheadResult>('tuning-overhead', { trials });
  const overheads = valueOf(outcome)?.trials.map((t) => t.overheadMs) ?? [];
  return {
    outcome,
    ...(overheads.length
      ? {
          medianMs: median(overheads),
          p90Ms: quantile(overheads, 0.9),
          meanMs: overheads.reduce((a, b) => a + b, 0) / overheads.length,
        }
      : {}),
  };
}

/** The measurement as text lines. */
export function studyOverheadLines(overhead: StudyOverhead): string[] {
  const v = valueOf(overhead.outcome);
  if (!v)
    return [`Study overhead per trial: unavailable: ${overhead.outcome.ok ? '' : overhead.outcome.error}`];
  const train = v.trials.reduce((a, t) => a + t.trainMs, 0) / v.trials.length;
  const records = v.trials.reduce((a, t) => a + t.otherActivityMs, 0) / v.trials.length;
  return [
    `Study overhead per trial (${v.trials.length} trials one at a time, ${v.rows} rows, ${v.epochs} epochs; server clock):`,
    `  median ${millis(overhead.medianMs)}, p90 ${millis(overhead.p90Ms)}, mean ${millis(overhead.meanMs)} per trial beside ${millis(train)} of training (of the overhead, ${millis(records)} in the trial's run-record activities)`,
    `  once per study: setup ${millis(v.setupMs)}, wrap-up (comparison, report) ${seconds(v.wrapUpMs)}; study ${seconds(v.studyMs)}; server start ${seconds(v.serverStartMs)}, bundle ${seconds(v.bundleMs)}`,
  ];
}
