/**
 * Step: loads one CSV and reports the time and the process's peak RSS.
 * `project` is the pipeline's loader (`loadDatasetCsv`: parses AND validates
 * every cell against the schema, into an arquero table); `arquero` is
 * arquero's own `loadCSV` (type inference, no validation), for reference.
 */
import * as aq from 'arquero';
import { loadDatasetCsv } from '../../src/data';
import { rssMb, runStep } from '../lib/step-io';

/** Arguments of the step. */
export interface LoadArgs {
  readonly csv: string;
  readonly mode: 'project' | 'arquero';
}

/** What the step prints. */
export interface LoadResult {
  readonly mode: string;
  readonly rows: number;
  readonly loadMs: number;
  readonly rssBeforeMb: number;
}

runStep<LoadArgs, LoadResult>(async ({ csv, mode }) => {
  const rssBeforeMb = rssMb();
  const t0 = performance.now();
  const table = mode === 'project' ? await loadDatasetCsv(csv) : await aq.loadCSV(csv);
  const loadMs = performance.now() - t0;
  return { mode, rows: table.numRows(), loadMs, rssBeforeMb };
});
