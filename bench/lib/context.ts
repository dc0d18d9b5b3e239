/**
 * What every section of the bench shares: the options, the Python peers, the
 * prepared feature matrices, and progress lines on stderr.
 */
import { runNodeStep, runPythonStep, type Measured, type StepOptions, type StepOutcome } from './child';
import { ensureDataset, trainingDataset } from './datasets';
import { matrixDir } from './matrix-files';
import { SIZES, type BenchOptions, type SizeName } from './options';
import type { PythonPeers } from './python';
import type { PrepareResult } from '../steps/prepare';

/** The state of one bench run. */
export interface BenchContext {
  readonly options: BenchOptions;
  readonly peers: PythonPeers;
  /** Preparation of each size's matrices, done at most once per run. */
  readonly prepared: Map<SizeName, Promise<StepOutcome<PrepareResult>>>;
  readonly startedAt: number;
}

/** Prints a progress line with the time since the bench started. */
export function progress(ctx: BenchContext, message: string): void {
  const s = ((performance.now() - ctx.startedAt) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[${s} s] ${message}\n`);
}

/** The CSV of a training size, generated on first use. */
export function trainingCsv(ctx: BenchContext, size: SizeName): Promise<string> {
  return ensureDataset(ctx.options.dataDir, trainingDataset(size, SIZES[size]));
}

/** Loads, splits and encodes a size's dataset into its matrix folder (once per run). */
export function prepareSize(ctx: BenchContext, size: SizeName): Promise<StepOutcome<PrepareResult>> {
  let prepared = ctx.prepared.get(size);
  if (prepared === undefined) {
    prepared = trainingCsv(ctx, size).then((csv) => {
      progress(ctx, `prepare ${size}: load, split, encode`);
      return runNodeStep<PrepareResult>('prepare', { csv, outDir: matrixDir(ctx.options.dataDir, size) });
    });
    ctx.prepared.set(size, prepared);
  }
  return prepared;
}

/** Runs a Python peer, or reports why the peers are unavailable. */
export function runPeer<T>(
  ctx: BenchContext,
  name: string,
  args: object,
  options?: StepOptions,
): Promise<StepOutcome<T>> {
  if (!ctx.peers.available) return Promise.resolve({ ok: false, error: ctx.peers.reason, wallMs: 0 });
  return runPythonStep<T>(ctx.peers.python, name, args, options);
}

/** The value of a successful outcome, else undefined. */
export function valueOf<T>(outcome: StepOutcome<T> | undefined): (T & Measured) | undefined {
  return outcome?.ok ? outcome.value : undefined;
}
