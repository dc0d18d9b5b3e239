/**
 * What `npm run bench` measures, from flags (`npm run bench -- --sizes 10k`) or
 * environment variables (`BENCH_SIZES=10k npm run bench`); a flag wins over its
 * variable.
 */
import os from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { positiveIntegerOption } from '../../client/option-parsers';
import { TENSORFLOW_BACKENDS, type TensorflowBackend } from '../../src/model/backend';

/** Dataset sizes the training, scoring and loading sections run at. */
export const SIZES = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000 } as const;
/** A key of {@link SIZES}. */
export type SizeName = keyof typeof SIZES;

/** The sections of the bench, in the order they run. */
export const SECTIONS = [
  'train',
  'score',
  'load',
  'drift',
  'orchestration',
  'experiments',
  'tuning',
  'serving',
  'explain',
  'store',
] as const;
/** One of {@link SECTIONS}. */
export type Section = (typeof SECTIONS)[number];

/** Everything the bench needs to decide what to run. */
export interface BenchOptions {
  readonly sizes: readonly SizeName[];
  readonly backends: readonly TensorflowBackend[];
  readonly sections: readonly Section[];
  /** Run the Python peers (Keras, pandas, Evidently). */
  readonly peers: boolean;
  /** Repetitions of the short measurements (loading, drift); the median is reported. */
  readonly repeats: number;
  /** Epochs of a fixed-epoch training run (1M rows; the cpu backend above 10k rows). */
  readonly fixedEpochs: number;
  /** Train every size and backend to the early-stopped model (slow: an hour or more). */
  readonly full: boolean;
  /** Retrains measured for the orchestration overhead. */
  readonly retrains: number;
  /** Trials of the study whose orchestration overhead per trial the tuning section measures (0: skip it). */
  readonly studyTrials: number;
  /** Where generated datasets and feature matrices are kept between runs. */
  readonly dataDir: string;
  /** The JSON results file. */
  readonly output: string;
}

function listOf<T extends string>(allowed: readonly T[], what: string) {
  return (value: string): T[] => {
    const items = value
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    const bad = items.filter((s) => !(allowed as readonly string[]).includes(s));
    if (bad.length > 0 || items.length === 0) {
      throw new InvalidArgumentError(`expected ${what} from ${allowed.join(', ')}; got "${value}"`);
    }
    return [...new Set(items)] as T[];
  };
}

function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(n) || n < 0)
    throw new InvalidArgumentError(`expected a non-negative integer, got "${value}"`);
  return n;
}

const envFlag = (value: string | undefined): boolean | undefined =>
  value === undefined || value === '' ? undefined : !/^(0|false|no|off)$/i.test(value);

/**
 * Parses the bench's flags, falling back to `BENCH_*` variables and then to the
 * defaults (every size, backend and section; peers on; 3 repeats; 2 fixed epochs).
 *
 * @throws commander's error (printed, exit 1) on a bad flag or variable
 */
export function parseBenchOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): BenchOptions {
  const root = path.resolve(__dirname, '../..');
  const sizes = listOf(Object.keys(SIZES) as SizeName[], 'sizes');
  const backends = listOf(TENSORFLOW_BACKENDS, 'backends');
  const sections = listOf(SECTIONS, 'sections');
  const program = new Command('bench')
    .description(
      'Benchmarks of training, scoring, loading, drift, orchestration, experiments, tuning, online serving and explanations, beside the Python peers.',
    )
    .option('--sizes <list>', 'dataset sizes: 10k,100k,1m [BENCH_SIZES]', sizes)
    .option('--backends <list>', 'tfjs backends: tensorflow,wasm,cpu [BENCH_BACKENDS]', backends)
    .option('--only <list>', `sections: ${SECTIONS.join(',')} [BENCH_ONLY]`, sections)
    .option('--no-peers', 'skip the Python peers [BENCH_PEERS=0]')
    .option(
      '--repeats <n>',
      'repetitions of loading and drift, median reported [BENCH_REPEATS]',
      positiveIntegerOption,
    )
    .option(
      '--fixed-epochs <n>',
      'epochs of fixed-epoch training runs [BENCH_FIXED_EPOCHS]',
      positiveIntegerOption,
    )
    .option('--full', 'train every size and backend to the early-stopped model (slow) [BENCH_FULL=1]')
    .option(
      '--retrains <n>',
      'retrains measured for orchestration overhead [BENCH_RETRAINS]',
      positiveIntegerOption,
    )
    .option(
      '--study-trials <n>',
      'trials of the study timed for overhead per trial, 0 to skip [BENCH_STUDY_TRIALS]',
      nonNegativeInteger,
    )
    .option('--data-dir <dir>', 'generated data, reused across runs [BENCH_DATA_DIR]')
    .option('--output <file>', 'results JSON [BENCH_OUTPUT]')
    .parse([...argv], { from: 'user' });
  const flags = program.opts<{
    sizes?: SizeName[];
    backends?: TensorflowBackend[];
    only?: Section[];
    peers: boolean;
    repeats?: number;
    fixedEpochs?: number;
    full?: boolean;
    retrains?: number;
    studyTrials?: number;
    dataDir?: string;
    output?: string;
  }>();
  const fromEnv = <T>(name: string, parse: (v: string) => T): T | undefined => {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    try {
      return parse(value);
    } catch (error) {
      program.error(`${name}: ${(error as Error).message}`);
    }
  };
  const order = <T extends string>(all: readonly T[], chosen: readonly T[]): T[] =>
    all.filter((x) => chosen.includes(x));
  return {
    sizes: order(
      Object.keys(SIZES) as SizeName[],
      flags.sizes ?? fromEnv('BENCH_SIZES', sizes) ?? ['10k', '100k', '1m'],
    ),
    backends: order(
      TENSORFLOW_BACKENDS,
      flags.backends ?? fromEnv('BENCH_BACKENDS', backends) ?? [...TENSORFLOW_BACKENDS],
    ),
    sections: order(SECTIONS, flags.only ?? fromEnv('BENCH_ONLY', sections) ?? [...SECTIONS]),
    peers: flags.peers && (envFlag(env.BENCH_PEERS) ?? true),
    repeats: flags.repeats ?? fromEnv('BENCH_REPEATS', positiveIntegerOption) ?? 3,
    fixedEpochs: flags.fixedEpochs ?? fromEnv('BENCH_FIXED_EPOCHS', positiveIntegerOption) ?? 2,
    full: flags.full ?? envFlag(env.BENCH_FULL) ?? false,
    retrains: flags.retrains ?? fromEnv('BENCH_RETRAINS', positiveIntegerOption) ?? 3,
    studyTrials: flags.studyTrials ?? fromEnv('BENCH_STUDY_TRIALS', nonNegativeInteger) ?? 20,
    dataDir: path.resolve(
      flags.dataDir ?? env.BENCH_DATA_DIR ?? path.join(os.tmpdir(), 'legalaid-bench-data'),
    ),
    output: path.resolve(
      flags.output ?? env.BENCH_OUTPUT ?? path.join(root, 'bench', 'results', 'latest.json'),
    ),
  };
}
