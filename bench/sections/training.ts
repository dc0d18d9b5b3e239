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

/** Repeated training runs of one trainer at one size. */
export interface TrainingRun {
  readonly size: SizeName;
  /** `tfjs wasm`, `tfjs cpu`, `tfjs tensorflow`, `Keras, 1 thread`, `Keras, 2 threads`. */
  readonly trainer: string;
  /** Set for a fixed-epoch run; absent when trained to the early-stopped model. */
  readonly fixedEpochs?: number;
  /** Every run, in order. */
  readonly outcomes: readonly StepOutcome<TrainResult>[];
  /** The median run by training time (the middle one of three), or the first failure when none succeeded. */
  readonly outcome: StepOutcome<TrainResult>;
}

/** The Keras configurations: the peer at one and at two threads (its fastest is the reference). */
export const KERAS_TRAINERS = ['Keras, 1 thread', 'Keras, 2 threads'] as const;

/** Trainers measured once: references far from the target, where repeats only cost time. */
const MEASURED_ONCE = new Set(['tfjs cpu', 'tfjs tensorflow']);

/** The successful run with the median training time (the lower middle for an even count). */
export function medianRun<T extends { trainMs: number }>(
  outcomes: readonly StepOutcome<T>[],
): StepOutcome<T> | undefined {
  const ok = outcomes.filter((o) => o.ok).sort((a, b) => valueOf(a)!.trainMs - valueOf(b)!.trainMs);
  return ok.length > 0 ? ok[(ok.length - 1) >> 1] : outcomes[0];
}

/** The run of the fastest Keras configuration at `size` (highest samples/s), if any succeeded. */
export function fastestKeras(runs: readonly TrainingRun[], size: SizeName): TrainingRun | undefined {
  return runs
    .filter((r) => r.size === size && r.trainer.startsWith('Keras') && r.outcome.ok)
    .sort((a, b) => valueOf(b.outcome)!.samplesPerSecond - valueOf(a.outcome)!.samplesPerSecond)[0];
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

/**
 * Runs the section: per size, every trainer `repeats` times (references once),
 * repeats interleaved so each trainer sees the same machine conditions; the
 * median run is reported.
 */
export async function benchTraining(ctx: BenchContext): Promise<TrainingSection> {
  const prepare: TrainingSection['prepare'] = {};
  const runs: TrainingRun[] = [];
  for (const size of ctx.options.sizes) {
    const prepared = await prepareSize(ctx, size);
    prepare[size] = prepared;
    const dir = matrixDir(ctx.options.dataDir, size);
    const trainers: string[] = ctx.options.backends.map((b) => `tfjs ${b}`);
    // The wasm backend (the one the pipeline runs on here), the peer, then the others.
    trainers.splice(Math.max(trainers.indexOf('tfjs wasm'), 0) + 1, 0, ...KERAS_TRAINERS);
    const outcomes = new Map<string, StepOutcome<TrainResult>[]>(trainers.map((t) => [t, []]));
    for (let rep = 1; rep <= ctx.options.repeats; rep++) {
      for (const trainer of trainers) {
        if (rep > 1 && MEASURED_ONCE.has(trainer)) continue;
        const fixedEpochs = fixedEpochsFor(
          ctx.options,
          size,
          trainer.startsWith('Keras') ? 'Keras' : trainer,
        );
        const args = { matrixDir: dir, ...(fixedEpochs ? { epochs: fixedEpochs } : {}) };
        const repeats = MEASURED_ONCE.has(trainer) ? 1 : ctx.options.repeats;
        progress(
          ctx,
          `train ${size}: ${trainer}${fixedEpochs ? `, ${fixedEpochs} epoch(s)` : ', to the early-stopped model'} (${rep}/${repeats})`,
        );
        let outcome: StepOutcome<TrainResult>;
        if (!prepared.ok) outcome = { ok: false, error: `preparation failed: ${prepared.error}`, wallMs: 0 };
        else if (trainer.startsWith('Keras'))
          outcome = await runPeer<TrainResult>(ctx, 'train_keras', {
            ...args,
            threads: trainer === 'Keras, 1 thread' ? 1 : 2,
          });
        else
          outcome = await runNodeStep<TrainResult>('train', args, {
            env: { TFJS_BACKEND: trainer.slice(5) },
          });
        outcomes.get(trainer)!.push(outcome);
      }
    }
    for (const trainer of trainers) {
      const fixedEpochs = fixedEpochsFor(ctx.options, size, trainer.startsWith('Keras') ? 'Keras' : trainer);
      const done = outcomes.get(trainer)!;
      runs.push({
        size,
        trainer,
        ...(fixedEpochs ? { fixedEpochs } : {}),
        outcomes: done,
        outcome: medianRun(done)!,
      });
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
  const keras = (size: SizeName) => fastestKeras(section.runs, size);
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
      `${run.outcomes.filter((o) => o.ok).length}`,
      mode,
      seconds(v.trainMs),
      rate(v.samplesPerSecond),
      ratio(divide(v.samplesPerSecond, valueOf(peer?.outcome)?.samplesPerSecond)),
      fixed(v.bestValRocAuc, 4),
      mib(v.peakRssMb),
    ];
  });
  const prepTitle =
    'Preparation (load + validate CSV, split, fit and apply the preprocessing; written once, read by every trainer)';
  const trainTitle =
    'Training: production architecture, batch 256, Adam 1e-3, class weights; early stopping on val ROC AUC (patience 5, ≤ 40 epochs); median run of the repeats; "× Keras" against the fastest Keras configuration at that size';
  const headers = [
    'size',
    'trainer',
    'threads',
    'runs',
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
