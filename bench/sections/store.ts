/**
 * The store on S3 beside local disk (issue 19): the same retrain (fixed epochs,
 * bundled data) and the same drift check with MLOPS_STORE unset and with it on
 * a local moto server, interleaved; medians, the ratio, where the difference
 * goes (per activity) and how many S3 requests each needs.
 */
import path from 'node:path';
import { runNodeStep, type StepOutcome } from '../lib/child';
import { progress, valueOf, type BenchContext } from '../lib/context';
import { millis, ratio, renderTable, seconds } from '../lib/format';
import { divide, median } from '../lib/stats';
import type { StoreResult, StoreRun, StoreWorkflowRun } from '../steps/store';

/** The store section's results. */
export interface StoreSection {
  readonly outcome: StepOutcome<StoreResult>;
}

const BUNDLED = path.resolve(__dirname, '../../data/matchmaking_dataset.csv');

/** Runs the section: `repeats` interleaved pairs on the bundled 10k rows, `fixedEpochs` epochs. */
export async function benchStore(ctx: BenchContext): Promise<StoreSection> {
  const { repeats, fixedEpochs } = ctx.options;
  progress(ctx, `store: ${repeats} interleaved local/S3 (moto) retrain + drift pairs, ${fixedEpochs} epochs`);
  return {
    outcome: await runNodeStep<StoreResult>('store', { dataset: BUNDLED, repeats, epochs: fixedEpochs }),
  };
}

type Pick = (run: StoreRun) => StoreWorkflowRun | undefined;
const medianOf = (runs: readonly StoreRun[], pick: Pick, value: (w: StoreWorkflowRun) => number) =>
  median(runs.flatMap((r) => (pick(r) ? [value(pick(r)!)] : [])));

/** The section as text. */
export function storeTable(section: StoreSection): string {
  const v = valueOf(section.outcome);
  if (!v) return `Store on S3: unavailable: ${section.outcome.ok ? '' : section.outcome.error}`;
  const local = v.runs.filter((r) => r.mode === 'local');
  const s3 = v.runs.filter((r) => r.mode === 's3');
  const workflows: Array<[string, Pick]> = [
    ['retrain', (r) => r.retrain],
    ['drift check', (r) => r.drift],
    ['drift check, empty folder', (r) => r.coldDrift],
  ];
  const total = (w: StoreWorkflowRun) => w.workflowMs;
  const main = workflows.map(([name, pick]) => {
    const l = name.includes('empty') ? medianOf(local, (r) => r.drift, total) : medianOf(local, pick, total);
    const s = medianOf(s3, pick, total);
    return [
      name,
      seconds(l),
      seconds(s),
      ratio(divide(s, l)),
      millis(s !== undefined && l !== undefined ? s - l : undefined),
    ];
  });
  const activities = [...new Set(v.runs.flatMap((r) => Object.keys(r.retrain.activityMs)))];
  const perActivity = activities.map((a) => {
    const l = medianOf(
      local,
      (r) => r.retrain,
      (w) => w.activityMs[a] ?? 0,
    );
    const s = medianOf(
      s3,
      (r) => r.retrain,
      (w) => w.activityMs[a] ?? 0,
    );
    return [a, millis(l), millis(s), millis(s !== undefined && l !== undefined ? s - l : undefined)];
  });
  const requestsOf = (pick: Pick) => {
    const counts = s3.map(pick).filter((w): w is StoreWorkflowRun => w !== undefined)[0]?.requests ?? {};
    const sum = Object.values(counts).reduce((a, b) => a + b, 0);
    const detail = Object.entries(counts)
      .sort()
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    return `${sum} (${detail})`;
  };
  const loads = v.runs.flatMap((r) => r.load);
  return [
    `Store on S3 (moto on localhost) beside local disk: ${v.rows} rows, ${v.epochs} epochs, ${local.length}+${s3.length} interleaved runs, medians`,
    renderTable(['workflow', 'local', 'S3 (moto)', 'S3 ÷ local', 'S3 − local'], main),
    'retrain, median time per activity:',
    renderTable(['activity', 'local', 'S3 (moto)', 'S3 − local'], perActivity),
    `S3 requests per retrain: ${requestsOf((r) => r.retrain)}`,
    `S3 requests per drift check: ${requestsOf((r) => r.drift)}; on an empty folder: ${requestsOf((r) => r.coldDrift)}`,
    `load average (1 min) during the runs: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
  ].join('\n');
}
