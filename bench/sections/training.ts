/**
 * Training throughput and time to the early-stopped model, per tfjs backend and
 * for Keras, on the same encoded matrices, at each dataset size.
 */
import { runNodeStep, type StepOutcome } from '../lib/child';
import { prepareSize, progress, runPeer, valueOf, type BenchContext } from '../lib/context';
import { Notes, fixed, mib, rate, ratio, renderTable, section as titled, seconds } from '../lib/format';
import { matrixDir } from '../lib/matrix-files';
import type { BenchOptions, SizeName } from '../lib/options';
import { divide } from '../lib/stats';
import type { PrepareResult } from '../steps/prepare';
import type { TrainResult } from '../steps/train';

/** One training run. */
export interface TrainingRun {
  readonly size: SizeName;
  /** `tfjs wasm`, `tfjs cpu`, `tfjs tensorflow`, `Keras`, `Keras, 1 thread`. */
  readonly trainer: string;
  /** Set for a fixed-epoch run; absent when trained to the early-stopped model. */
  readonly fixedEpochs?: number;
  readonly outcome: StepOutcome<TrainResult>;
}

/** The training section's results. */
export interface TrainingSection {
  readonly prepare: Partial<Record<SizeName, StepOutcome<PrepareResult>>>;
  readonly runs: readonly TrainingRun[];
}

/**
 * When a run trains a fixed number of epochs instead of to the early-stopped
 * model: at 1M rows (any trainer), and on the plain-JS cpu backend above 10k rows
 * (one epoch; it is ~10× slower than wasm). `--full` early-stops everything.
 */
export function fixedEpochsFor(options: BenchOptions, size: SizeName, trainer: string): number | undefined {
  if (options.full) return undefined;
  if (trainer === 'tfjs cpu' && size !== '10k') return 1;
  return size === '1m' ? options.fixedEpochs : undefined;
}

/** Runs the section: per size, ours and Keras interleaved. */
export async function benchTraining(ctx: BenchContext): Promise<TrainingSection> {
  const prepare: TrainingSection['prepare'] = {};
  const runs: TrainingRun[] = [];
  for (const size of ctx.options.sizes) {
    const prepared = await prepareSize(ctx, size);
    prepare[size] = prepared;
    const dir = matrixDir(ctx.options.dataDir, size);
    const trainers: string[] = ctx.options.backends.map((b) => `tfjs ${b}`);
    // Interleaved: the wasm backend (the one the pipeline runs on here), the peer, then the others.
    trainers.splice(Math.max(trainers.indexOf('tfjs wasm'), 0) + 1, 0, 'Keras');
    if (size === '100k') trainers.push('Keras, 1 thread');
    for (const trainer of trainers) {
      const fixedEpochs = fixedEpochsFor(ctx.options, size, trainer.startsWith('Keras') ? 'Keras' : trainer);
      const args = { matrixDir: dir, ...(fixedEpochs ? { epochs: fixedEpochs } : {}) };
      progress(
        ctx,
        `train ${size}: ${trainer}${fixedEpochs ? `, ${fixedEpochs} epoch(s)` : ', to the early-stopped model'}`,
      );
      let outcome: StepOutcome<TrainResult>;
      if (!prepared.ok) outcome = { ok: false, error: `preparation failed: ${prepared.error}`, wallMs: 0 };
      else if (trainer === 'Keras') outcome = await runPeer<TrainResult>(ctx, 'train_keras', args);
      else if (trainer === 'Keras, 1 thread')
        outcome = await runPeer<TrainResult>(ctx, 'train_keras', { ...args, threads: 1 });
      else
        outcome = await runNodeStep<TrainResult>('train', args, { env: { TFJS_BACKEND: trainer.slice(5) } });
      runs.push({ size, trainer, ...(fixedEpochs ? { fixedEpochs } : {}), outcome });
    }
  }
  return { prepare, runs };
}

function renderTableWithTitle(title: string, headers: string[], rows: string[][]): string {
  return titled(title, renderTable(headers, rows));
}

/** The section as text: preparation, then one line per run with its ratio to Keras. */
export function trainingTables(section: TrainingSection): string {
  const notes = new Notes();
  const prep = Object.entries(section.prepare).map(([size, o]) => {
    const v = valueOf(o);
    return [
      size,
      v ? `${v.trainRows.toLocaleString('en-US')} × ${v.features}` : `unavailable: ${o.ok ? '' : o.error}`,
      seconds(v?.loadMs),
      seconds(v?.preprocessMs),
    ];
  });
  const keras = (size: SizeName) =>
    valueOf(section.runs.find((r) => r.size === size && r.trainer === 'Keras')?.outcome);
  const rows = section.runs.map((run) => {
    const v = valueOf(run.outcome);
    if (!v) return [run.size, run.trainer, notes.mark(run.outcome.ok ? '' : run.outcome.error)];
    const mode = run.fixedEpochs
      ? `${run.fixedEpochs} epoch${run.fixedEpochs > 1 ? 's' : ''} (fixed)`
      : `${v.epochs} (best ${v.bestEpoch})`;
    const peer = keras(run.size);
    return [
      run.size,
      run.trainer,
      String(v.threads ?? '—'),
      mode,
      seconds(v.trainMs),
      rate(v.samplesPerSecond),
      run.trainer === 'Keras' ? '1.00×' : ratio(divide(v.samplesPerSecond, peer?.samplesPerSecond)),
      fixed(v.bestValRocAuc, 4),
      mib(v.peakRssMb),
    ];
  });
  const prepTitle =
    'Preparation (load + validate CSV, split, fit and apply the preprocessing; written once, read by every trainer)';
  const trainTitle =
    'Training: production architecture, batch 256, Adam 1e-3, class weights; early stopping on val ROC AUC (patience 5, ≤ 40 epochs)';
  const headers = [
    'size',
    'trainer',
    'threads',
    'epochs',
    'train time',
    'samples/s',
    '× Keras',
    'best val AUC',
    'peak RSS',
  ];
  return [
    renderTableWithTitle(prepTitle, ['size', 'train matrix', 'load', 'preprocess'], prep),
    '',
    titled(trainTitle, renderTable(headers, rows), notes),
  ].join('\n');
}
