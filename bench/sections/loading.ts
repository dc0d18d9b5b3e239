/**
 * CSV loading: the pipeline's loader (parse + validate into an arquero table),
 * arquero's own `loadCSV`, and pandas' `read_csv`, each in a fresh process,
 * repeated and interleaved; median time, largest peak RSS.
 */
import { runNodeStep, type StepOutcome } from '../lib/child';
import { progress, runPeer, trainingCsv, valueOf, type BenchContext } from '../lib/context';
import { Notes, mib, rate, ratio, renderTable, section as titled, seconds } from '../lib/format';
import { SIZES, type SizeName } from '../lib/options';
import { divide, maximum, median } from '../lib/stats';
import type { LoadResult } from '../steps/load';

/** Repeated loads of one file by one loader. */
export interface LoadingRun {
  readonly size: SizeName;
  readonly loader: string;
  readonly outcomes: readonly StepOutcome<LoadResult>[];
  readonly medianMs?: number;
  readonly peakRssMb?: number;
  readonly rssBeforeMb?: number;
}

/** The loading section's results. */
export interface LoadingSection {
  readonly runs: readonly LoadingRun[];
}

/** pandas' configurations: its default C parser and the pyarrow engine (its fastest here). */
const PANDAS_ENGINES = { 'pandas read_csv': null, 'pandas read_csv (pyarrow)': 'pyarrow' } as const;
const LOADERS = ['project loader', ...Object.keys(PANDAS_ENGINES), 'arquero loadCSV'] as const;

/** The pandas configuration with the lowest median time at `size`, if any was measured. */
export function fastestPandas(runs: readonly LoadingRun[], size: SizeName): LoadingRun | undefined {
  return runs
    .filter((r) => r.size === size && r.loader in PANDAS_ENGINES && r.medianMs !== undefined)
    .sort((a, b) => a.medianMs! - b.medianMs!)[0];
}

/** Runs the section at every selected size above 10k rows (or at the selected sizes when there is none). */
export async function benchLoading(ctx: BenchContext): Promise<LoadingSection> {
  const large = ctx.options.sizes.filter((s) => s !== '10k');
  const sizes = large.length > 0 ? large : ctx.options.sizes;
  const runs: LoadingRun[] = [];
  for (const size of sizes) {
    const csv = await trainingCsv(ctx, size);
    const outcomes = new Map<string, StepOutcome<LoadResult>[]>(LOADERS.map((l) => [l, []]));
    for (let rep = 1; rep <= ctx.options.repeats; rep++) {
      for (const loader of LOADERS) {
        // arquero's generic parser is slow and only a reference: measured once.
        if (loader === 'arquero loadCSV' && rep > 1) continue;
        progress(ctx, `load ${size}: ${loader} (${rep}/${ctx.options.repeats})`);
        const outcome =
          loader in PANDAS_ENGINES
            ? await runPeer<LoadResult>(ctx, 'load_pandas', {
                csv,
                engine: PANDAS_ENGINES[loader as keyof typeof PANDAS_ENGINES],
              })
            : await runNodeStep<LoadResult>('load', {
                csv,
                mode: loader === 'project loader' ? 'project' : 'arquero',
              });
        outcomes.get(loader)!.push(outcome);
      }
    }
    for (const loader of LOADERS) {
      const done = outcomes.get(loader)!;
      const values = done
        .map(valueOf)
        .filter((v): v is LoadResult & { peakRssMb: number } => v !== undefined);
      runs.push({
        size,
        loader,
        outcomes: done,
        medianMs: median(values.map((v) => v.loadMs)),
        peakRssMb: maximum(values.map((v) => v.peakRssMb)),
        rssBeforeMb: median(values.map((v) => v.rssBeforeMb)),
      });
    }
  }
  return { runs };
}

/** The section as text; "× pandas" is the fastest pandas configuration's time ÷ this loader's (above 1 is faster). */
export function loadingTable(section: LoadingSection): string {
  const notes = new Notes();
  const rows = section.runs.map((run) => {
    if (run.medianMs === undefined) {
      const failed = run.outcomes.find((o) => !o.ok);
      return [run.size, run.loader, notes.mark(failed && !failed.ok ? failed.error : 'not run')];
    }
    const pandas = fastestPandas(section.runs, run.size);
    return [
      run.size,
      run.loader,
      `${run.outcomes.filter((o) => o.ok).length}`,
      seconds(run.medianMs),
      rate(SIZES[run.size] / (run.medianMs / 1000)),
      ratio(divide(pandas?.medianMs, run.medianMs)),
      mib(run.peakRssMb),
      mib(run.rssBeforeMb),
    ];
  });
  return titled(
    'CSV loading (fresh process each; median time, largest peak RSS; "× pandas" against the fastest pandas configuration, > 1 means faster)',
    renderTable(['size', 'loader', 'runs', 'time', 'rows/s', '× pandas', 'peak RSS', 'RSS before'], rows),
    notes,
  );
}
