/**
 * Step: the drift check's work on two CSVs as `compareDatasetFiles`
 * (src/pipeline/check-drift.ts) does it — load and validate both with the
 * pipeline's loader, take every column with `datasetColumnsOf`, then
 * `detectDatasetDrift` over all 15 columns with the default (Evidently)
 * methods — each part timed, with the process's peak RSS.
 */
import { loadDatasetCsv } from '../../src/data';
import { detectDatasetDrift } from '../../src/drift';
import { datasetColumnsOf } from '../../src/pipeline/dataset-columns';
import { rssMb, runStep } from '../lib/step-io';

/** Arguments of the step. */
export interface DriftArgs {
  readonly reference: string;
  readonly current: string;
}

/** What the step prints. */
export interface DriftResult {
  readonly referenceRows: number;
  readonly currentRows: number;
  readonly columns: number;
  readonly driftedColumns: number;
  readonly loadMs: number;
  /** `datasetColumnsOf` for both tables (the pipeline's way). */
  readonly columnsMs: number;
  readonly driftMs: number;
  readonly rssBeforeMb: number;
}

runStep<DriftArgs, DriftResult>(async ({ reference, current }) => {
  const rssBeforeMb = rssMb();
  const t0 = performance.now();
  const ref = await loadDatasetCsv(reference);
  const cur = await loadDatasetCsv(current);
  const t1 = performance.now();
  const referenceColumns = datasetColumnsOf(ref);
  const currentColumns = datasetColumnsOf(cur);
  const t2 = performance.now();
  const result = detectDatasetDrift(referenceColumns, currentColumns);
  const t3 = performance.now();
  return {
    referenceRows: result.referenceRows,
    currentRows: result.currentRows,
    columns: result.totalColumns,
    driftedColumns: result.driftedColumns,
    loadMs: t1 - t0,
    columnsMs: t2 - t1,
    driftMs: t3 - t2,
    rssBeforeMb,
  };
});
