/**
 * The experiments' sequential test at full size (issue 16): the false-decision
 * rate of A/A experiments checked after every batch, with its Monte-Carlo
 * interval; power and the median sample at a true lift beside the
 * fixed-horizon test of the same power; and the choice of τ. Pure simulation
 * (`src/experiments/simulation.ts`, the workflow's own fold), seconds of CPU.
 */
import { progress, type BenchContext } from '../lib/context';
import { fixed, renderTable } from '../lib/format';
import {
  defaultExperimentSettings,
  fixedHorizonSampleSize,
  simulateExperiments,
  wilsonInterval,
  type ExperimentSettings,
} from '../../src/experiments';

const ALPHA = 0.05;
const LOOKS_PER_HORIZON = 20;
const MAX_HORIZONS = 3;

/** One simulated scenario's numbers. */
export interface ExperimentScenario {
  readonly name: string;
  readonly share: number;
  readonly baseline: number;
  readonly lift: number;
  readonly tau: number;
  readonly experiments: number;
  readonly outcomesPerBatch: number;
  readonly batches: number;
  /** Share of experiments that decided "better" or "worse" (A/A: wrongly), with its 95 % Wilson interval. */
  readonly decided: number;
  readonly decidedInterval: readonly [number, number];
  readonly better: number;
  readonly medianSample: number;
  /** Outcomes the fixed-horizon z-test needs for 80 % power and for the power observed here. */
  readonly fixedAt80: number;
  readonly fixedAtSamePower: number | null;
  readonly ms: number;
}

/** The section's results. */
export interface ExperimentsSection {
  readonly alpha: number;
  readonly scenarios: readonly ExperimentScenario[];
}

function settingsWithTau(tau: number): ExperimentSettings {
  const settings = defaultExperimentSettings();
  return { ...settings, mixingSd: { ...settings.mixingSd, success_rate: tau } };
}

function run(
  name: string,
  share: number,
  baseline: number,
  lift: number,
  tau: number,
  experiments: number,
  seed: number,
): ExperimentScenario {
  // Batches are sized from the lift the test is built to find (5 points), A/A included,
  // so both run the same looks and maximum duration.
  const sizedLift = lift === 0 ? 0.05 : lift;
  const horizon = (power: number) =>
    fixedHorizonSampleSize({
      baseline,
      treatment: baseline + sizedLift,
      candidateShare: share,
      alpha: ALPHA,
      power,
    });
  const fixedAt80 = horizon(0.8);
  const outcomesPerBatch = Math.round(fixedAt80 / LOOKS_PER_HORIZON);
  const batches = LOOKS_PER_HORIZON * MAX_HORIZONS;
  const started = performance.now();
  const result = simulateExperiments({
    experiments,
    batches,
    outcomesPerBatch,
    candidateShare: share,
    baseline,
    lift,
    settings: settingsWithTau(tau),
    seed,
  });
  const decided = result.better + result.worse;
  const power = result.better / experiments;
  return {
    name,
    share,
    baseline,
    lift,
    tau,
    experiments,
    outcomesPerBatch,
    batches,
    decided: decided / experiments,
    decidedInterval: wilsonInterval(decided, experiments),
    better: result.better,
    medianSample: result.medianSample,
    fixedAt80,
    fixedAtSamePower: lift === 0 || power <= ALPHA || power >= 1 ? null : horizon(power),
    ms: performance.now() - started,
  };
}

/** Runs every scenario. */
export function benchExperiments(ctx: BenchContext): Promise<ExperimentsSection> {
  const scenarios: ExperimentScenario[] = [];
  const add = (...args: Parameters<typeof run>) => {
    progress(ctx, `experiments: ${args[0]} (${args[5]} experiments)`);
    scenarios.push(run(...args));
  };
  add('A/A, share 50 %', 0.5, 0.3, 0, 0.05, 10_000, 1);
  add('A/A, share 10 %', 0.1, 0.3, 0, 0.05, 10_000, 20_001);
  add('A/A, share 10 %, 10 % base rate', 0.1, 0.1, 0, 0.05, 10_000, 40_001);
  add('+5 points, share 50 %', 0.5, 0.3, 0.05, 0.05, 2_000, 60_001);
  add('+5 points, share 10 %', 0.1, 0.3, 0.05, 0.05, 2_000, 70_001);
  add('+5 points, share 50 %, τ = 0.025', 0.5, 0.3, 0.05, 0.025, 2_000, 60_001);
  add('+5 points, share 50 %, τ = 0.1', 0.5, 0.3, 0.05, 0.1, 2_000, 60_001);
  return Promise.resolve({ alpha: ALPHA, scenarios });
}

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;

/** The section as text. */
export function experimentsTable(section: ExperimentsSection): string {
  const rows = section.scenarios.map((s) => [
    s.name,
    String(s.experiments),
    `${s.batches} × ${s.outcomesPerBatch}`,
    fixed(s.tau, 3),
    s.lift === 0 ? pct(s.decided) : '—',
    s.lift === 0 ? `${pct(s.decidedInterval[0])}–${pct(s.decidedInterval[1])}` : '—',
    s.lift === 0 ? '—' : pct(s.better / s.experiments),
    s.lift === 0 ? '—' : String(s.medianSample),
    String(s.fixedAt80),
    s.fixedAtSamePower === null ? '—' : String(s.fixedAtSamePower),
    `${(s.ms / 1000).toFixed(1)} s`,
  ]);
  return [
    `Sequential test (mSPRT, α = ${section.alpha}, checked after every batch; outcomes counted over both arms)`,
    renderTable(
      [
        'scenario',
        'runs',
        'batches',
        'τ',
        'wrong decisions',
        '95 % CI',
        'power',
        'median sample',
        'fixed n (80 %)',
        'fixed n (same power)',
        'time',
      ],
      rows,
    ),
  ].join('\n');
}
