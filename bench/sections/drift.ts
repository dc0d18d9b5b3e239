/**
 * Drift check: a 100k-row reference against a 1M-row current (population shift
 * 0.5), 15 columns — the project's loader + `detectDatasetDrift` against
 * Evidently's DataDriftPreset and legacy DataDriftTable on the same two files,
 * interleaved, each repeated; medians.
 */
import { runNodeStep, type StepOutcome } from '../lib/child';
import { progress, runPeer, valueOf, type BenchContext } from '../lib/context';
import { DRIFT_CURRENT, DRIFT_REFERENCE, ensureDataset } from '../lib/datasets';
import { Notes, mib, ratio, renderTable, section as titled, seconds } from '../lib/format';
import { divide, maximum, median } from '../lib/stats';
import type { DriftResult } from '../steps/drift';

/** What both sides report (Evidently has no column step, and adds its API name and version). */
type DriftOutcome = StepOutcome<Omit<DriftResult, 'columnsMs'> & { readonly columnsMs?: number }>;

/** Repeated drift checks by one implementation. */
export interface DriftRun {
  readonly checker: string;
  readonly outcomes: readonly DriftOutcome[];
  readonly loadMs?: number;
  readonly columnsMs?: number;
  readonly driftMs?: number;
  readonly totalMs?: number;
  readonly peakRssMb?: number;
  readonly driftedColumns?: number;
}

/** The drift section's results. */
export interface DriftSection {
  readonly referenceRows: number;
  readonly currentRows: number;
  readonly runs: readonly DriftRun[];
}

const CHECKERS = [
  'project (src/drift)',
  'Evidently DataDriftPreset',
  'Evidently legacy DataDriftTable',
] as const;

/** Runs the section. */
export async function benchDrift(ctx: BenchContext): Promise<DriftSection> {
  const reference = await ensureDataset(ctx.options.dataDir, DRIFT_REFERENCE);
  const current = await ensureDataset(ctx.options.dataDir, DRIFT_CURRENT);
  const outcomes = new Map<string, DriftOutcome[]>(CHECKERS.map((c) => [c, []]));
  for (let rep = 1; rep <= ctx.options.repeats; rep++) {
    for (const checker of CHECKERS) {
      progress(ctx, `drift 100k vs 1M: ${checker} (${rep}/${ctx.options.repeats})`);
      const files = { reference, current };
      const outcome: DriftOutcome =
        checker === CHECKERS[0]
          ? await runNodeStep('drift', files)
          : await runPeer(ctx, 'drift_evidently', {
              ...files,
              api: checker === CHECKERS[1] ? 'preset' : 'legacy',
            });
      outcomes.get(checker)!.push(outcome);
    }
  }
  const runs = CHECKERS.map((checker): DriftRun => {
    const done = outcomes.get(checker)!;
    const values = done.map(valueOf).filter((v) => v !== undefined);
    return {
      checker,
      outcomes: done,
      loadMs: median(values.map((v) => v.loadMs)),
      columnsMs: median(values.flatMap((v) => (v.columnsMs === undefined ? [] : [v.columnsMs]))),
      driftMs: median(values.map((v) => v.driftMs)),
      totalMs: median(values.map((v) => v.loadMs + (v.columnsMs ?? 0) + v.driftMs)),
      peakRssMb: maximum(values.map((v) => v.peakRssMb)),
      driftedColumns: values[0]?.driftedColumns,
    };
  });
  return { referenceRows: DRIFT_REFERENCE.rows, currentRows: DRIFT_CURRENT.rows, runs };
}

/** Columns + statistics: everything after both files are loaded. */
function afterLoad(run: DriftRun | undefined): number | undefined {
  return run?.driftMs === undefined ? undefined : run.driftMs + (run.columnsMs ?? 0);
}

/** The section as text; the ratios are how many times faster the project is than each Evidently API. */
export function driftTable(section: DriftSection): string {
  const notes = new Notes();
  const ours = section.runs[0];
  const rows = section.runs.map((run) => {
    if (run.totalMs === undefined) {
      const failed = run.outcomes.find((o) => !o.ok);
      return [run.checker, notes.mark(failed && !failed.ok ? failed.error : 'not run')];
    }
    const mine = run === ours;
    return [
      run.checker,
      seconds(run.loadMs),
      seconds(run.columnsMs),
      seconds(run.driftMs),
      seconds(run.totalMs),
      mine ? '—' : ratio(divide(run.driftMs, afterLoad(ours))),
      mine ? '—' : ratio(divide(run.totalMs, ours?.totalMs)),
      mib(run.peakRssMb),
      `${run.driftedColumns ?? '—'} / 15`,
    ];
  });
  return titled(
    'Drift check: 100k-row reference vs 1M-row current (shift 0.5), 15 columns, default methods (medians; "ours faster" = their time ÷ ours;\n' +
      '"columns" = datasetColumnsOf, as src/pipeline/check-drift.ts takes them)',
    renderTable(
      [
        'checker',
        'load both',
        'columns',
        'drift stats',
        'total',
        'ours faster (after load)',
        'ours faster (total)',
        'peak RSS',
        'drifted',
      ],
      rows,
    ),
    notes,
  );
}
