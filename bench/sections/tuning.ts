/**
 * Tuning: our TPE against our random search and against Optuna 4.9's TPE and
 * random search on the same documented synthetic objective
 * (src/tuning/synthetic-objective.ts; the Python copy is
 * bench/python/tpe_optuna.py), 10 seeds × 50 sequential trials; the time one
 * TPE suggestion takes in each; and the study workflow's orchestration
 * overhead per trial (`./tuning-overhead.ts`).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { syntheticBestCurve } from '../../src/tuning/run-synthetic-study';
import { suggestTrial } from '../../src/tuning/suggest';
import { DEFAULT_SEARCH_SPACE } from '../../src/tuning/run-synthetic-study';
import { DEFAULT_TPE_SETTINGS } from '../../src/tuning/tpe-sampler';
import { syntheticObjective } from '../../src/tuning/synthetic-objective';
import { TrialState, type FinishedTrial } from '../../src/tuning/trial-record';
import { progress, type BenchContext } from '../lib/context';
import { renderTable } from '../lib/format';
import { median } from '../lib/stats';
import { benchStudyOverhead, studyOverheadLines, type StudyOverhead } from './tuning-overhead';

const ROOT = path.resolve(__dirname, '../..');
/** The Optuna pin of the peer (and of the reference fixture of src/tuning's tests). */
export const OPTUNA_REQUIREMENT = 'optuna==4.9.0';
const SEEDS = Array.from({ length: 10 }, (_, s) => s);
const TRIALS = 50;

/** Best-so-far curves, one per seed, of one sampler. */
type Curves = number[][];

/** The tuning section's results. */
export interface TuningSection {
  readonly seeds: number;
  readonly trials: number;
  readonly ours: { readonly tpe: Curves; readonly random: Curves; readonly suggestMs: number | undefined };
  readonly optuna?: {
    readonly version: string;
    readonly tpe: Curves;
    readonly random: Curves;
    readonly suggestMs: number | null;
  };
  readonly optunaError?: string;
  /** Medians over seeds of the best value after 25 and 50 trials. */
  readonly medians: Readonly<Record<string, { readonly at25: number; readonly at50: number }>>;
  /** The study workflow's overhead per trial (absent with `--study-trials 0`). */
  readonly overhead?: StudyOverhead;
}

function run(
  command: string,
  args: string[],
  input: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr = (stderr + c).slice(-4000)));
    child.on('error', (error) => resolve({ code: -1, stdout, stderr: error.message }));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Median milliseconds of one TPE suggestion after the startup trials (30 earlier trials). */
function ourSuggestMs(): number | undefined {
  const trials: FinishedTrial[] = [];
  const times: number[] = [];
  const sampler = { type: 'tpe' as const, ...DEFAULT_TPE_SETTINGS };
  for (let number = 0; number < 40; number++) {
    const started = performance.now();
    const params = suggestTrial({
      space: DEFAULT_SEARCH_SPACE,
      sampler,
      seed: 1,
      trialNumber: number,
      trials,
    });
    if (number >= 10) times.push(performance.now() - started);
    const value = syntheticObjective(params);
    trials.push({ number, state: TrialState.Complete, params, value, intermediate: [value] });
  }
  return median(times);
}

const at = (curves: Curves, n: number) => median(curves.map((c) => c[n - 1]!)) ?? Number.NaN;

/** Runs the section. */
export async function benchTuning(ctx: BenchContext): Promise<TuningSection> {
  progress(ctx, `tuning: TPE and random search, ours and Optuna's, ${SEEDS.length} seeds × ${TRIALS} trials`);
  const tpe = SEEDS.map((s) => syntheticBestCurve({ type: 'tpe', ...DEFAULT_TPE_SETTINGS }, s, TRIALS));
  const random = SEEDS.map((s) => syntheticBestCurve({ type: 'random' }, s, TRIALS));
  const ours = { tpe, random, suggestMs: ourSuggestMs() };
  const medians: Record<string, { at25: number; at50: number }> = {
    'ours TPE': { at25: at(tpe, 25), at50: at(tpe, 50) },
    'ours random': { at25: at(random, 25), at50: at(random, 50) },
  };
  let optuna: TuningSection['optuna'];
  let optunaError: string | undefined;
  const install = await run(
    'bash',
    [path.join(ROOT, 'scripts', 'ensure-venv-tool.sh'), 'optuna', OPTUNA_REQUIREMENT],
    '',
  );
  if (install.code !== 0)
    optunaError = `installing ${OPTUNA_REQUIREMENT} failed: ${install.stderr.trim().split('\n').pop() ?? ''}`;
  else {
    const python = path.join(ROOT, '.tools', 'optuna', 'bin', 'python');
    const peer = await run(
      python,
      [path.join(ROOT, 'bench', 'python', 'tpe_optuna.py')],
      JSON.stringify({ seeds: SEEDS, trials: TRIALS }),
    );
    if (peer.code !== 0)
      optunaError = `bench/python/tpe_optuna.py failed: ${peer.stderr.trim().split('\n').pop() ?? ''}`;
    else {
      const parsed = JSON.parse(peer.stdout) as {
        optuna: string;
        tpe: Curves;
        random: Curves;
        suggestMs: number | null;
      };
      optuna = {
        version: parsed.optuna,
        tpe: parsed.tpe,
        random: parsed.random,
        suggestMs: parsed.suggestMs,
      };
      medians['Optuna TPE'] = { at25: at(parsed.tpe, 25), at50: at(parsed.tpe, 50) };
      medians['Optuna random'] = { at25: at(parsed.random, 25), at50: at(parsed.random, 50) };
    }
  }
  const overhead = ctx.options.studyTrials > 0 ? await benchStudyOverhead(ctx) : undefined;
  return {
    seeds: SEEDS.length,
    trials: TRIALS,
    ours,
    ...(optuna ? { optuna } : {}),
    ...(optunaError ? { optunaError } : {}),
    medians,
    ...(overhead ? { overhead } : {}),
  };
}

/** The section as text. */
export function tuningTable(section: TuningSection): string {
  const rows = Object.entries(section.medians).map(([name, m]) => [
    name,
    m.at25.toFixed(4),
    m.at50.toFixed(4),
  ]);
  const timing = `one TPE suggestion (8 parameters, 10–40 earlier trials): ours ${section.ours.suggestMs?.toFixed(1) ?? '—'} ms, Optuna ${section.optuna?.suggestMs?.toFixed(1) ?? '—'} ms`;
  return [
    `Tuning: best synthetic objective (max 0.849) after 25 and 50 trials, median over ${section.seeds} seeds`,
    renderTable(['sampler', 'best @25', 'best @50'], rows),
    timing,
    ...(section.optunaError ? [`Optuna unavailable: ${section.optunaError}`] : []),
    ...(section.overhead ? studyOverheadLines(section.overhead) : []),
  ].join('\n');
}
