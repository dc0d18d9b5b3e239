/**
 * The proof of validity by simulation: many experiments of 0/1 outcomes,
 * batch by batch, each batch folded into the statistics by the same
 * {@link foldBatch} the experiment workflow's activity uses, and the decision
 * test checked after every batch. A/A runs (no true difference) measure the
 * false-decision rate; runs with a true lift measure power and the sample at
 * the decision. The jest test runs it at a size that proves the property in
 * seconds; `npm run bench -- --only experiments` runs it at full size.
 */
import { createRng, type Rng } from '../data/random';
import { emptyTrafficWindow, EMPTY_OUTCOME_SUMS, NO_PREDICTIONS, type ExperimentBatch } from './batch';
import { foldBatch, initialExperimentStats } from './experiment-stats';
import type { RunningSums } from './running-sums';
import type { TestVerdict } from './sequential-test';
import type { ExperimentSettings } from './settings';

/** One simulated scenario. */
export interface SimulationInput {
  /** Experiments to run. */
  readonly experiments: number;
  /** Batches each experiment may take (its maximum duration); the test looks after each. */
  readonly batches: number;
  /** Outcomes per batch, both arms together. */
  readonly outcomesPerBatch: number;
  /** Share of outcomes in the candidate arm (the canary share). */
  readonly candidateShare: number;
  /** Production's success rate. */
  readonly baseline: number;
  /** The candidate's success rate minus production's (0: an A/A experiment). */
  readonly lift: number;
  /** Must use the success-rate metric. */
  readonly settings: ExperimentSettings;
  readonly seed: number;
}

/** How a scenario went. */
export interface SimulationResult {
  readonly experiments: number;
  /** Experiments that ended "candidate better" / "candidate worse" / inconclusive at the maximum. */
  readonly better: number;
  readonly worse: number;
  readonly inconclusive: number;
  /** Outcomes (both arms) seen when each experiment stopped, ascending; the maximum for inconclusive ones. */
  readonly samples: readonly number[];
  /** The median of {@link samples}. */
  readonly medianSample: number;
  /** Outcomes at the maximum duration (batches × outcomesPerBatch). */
  readonly maxSample: number;
}

/** A draw from Binomial(n, p), as n Bernoulli draws: exact, and fast enough for batch sizes in the thousands. */
function binomial(rng: Rng, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rng.next() < p) k++;
  return k;
}

const zeroOne = (n: number, successes: number): RunningSums => ({ n, sum: successes, sumSquares: successes });

/** Runs one experiment; returns the verdict and the outcomes seen when it stopped. */
function runOne(input: SimulationInput, rng: Rng): { verdict: TestVerdict; sample: number } {
  let stats = initialExperimentStats();
  for (let b = 1; b <= input.batches; b++) {
    const nCandidate = binomial(rng, input.outcomesPerBatch, input.candidateShare);
    const nProduction = input.outcomesPerBatch - nCandidate;
    const batch: ExperimentBatch = {
      traffic: emptyTrafficWindow(),
      predictions: NO_PREDICTIONS,
      outcomes: {
        ...EMPTY_OUTCOME_SUMS,
        success: {
          candidate: zeroOne(nCandidate, binomial(rng, nCandidate, input.baseline + input.lift)),
          production: zeroOne(nProduction, binomial(rng, nProduction, input.baseline)),
        },
      },
      outcomesJoined: input.outcomesPerBatch,
    };
    const folded = foldBatch(stats, batch, input.settings);
    stats = folded.stats;
    if (folded.armVerdict !== 'continue')
      return { verdict: folded.armVerdict, sample: b * input.outcomesPerBatch };
  }
  return { verdict: 'continue', sample: input.batches * input.outcomesPerBatch };
}

/**
 * Runs a scenario. Experiment i draws from its own seeded stream (seed + i),
 * so any one experiment can be replayed alone.
 *
 * @throws RangeError when the settings do not use the success-rate metric
 */
export function simulateExperiments(input: SimulationInput): SimulationResult {
  if (input.settings.metric !== 'success_rate') {
    throw new RangeError(
      'simulateExperiments simulates 0/1 outcomes: settings.metric must be "success_rate"',
    );
  }
  let better = 0;
  let worse = 0;
  const samples: number[] = [];
  for (let i = 0; i < input.experiments; i++) {
    const { verdict, sample } = runOne(input, createRng(input.seed + i));
    if (verdict === 'candidate_better') better++;
    else if (verdict === 'candidate_worse') worse++;
    samples.push(sample);
  }
  samples.sort((a, b) => a - b);
  const mid = samples.length >> 1;
  const medianSample =
    samples.length === 0 ? NaN : samples.length % 2 ? samples[mid]! : (samples[mid - 1]! + samples[mid]!) / 2;
  return {
    experiments: input.experiments,
    better,
    worse,
    inconclusive: input.experiments - better - worse,
    samples,
    medianSample,
    maxSample: input.batches * input.outcomesPerBatch,
  };
}

/**
 * Wilson score interval of a proportion (for the false-positive rate and the
 * power with their Monte-Carlo error).
 *
 * @param z - 1.96 for 95 %
 */
export function wilsonInterval(successes: number, trials: number, z = 1.959963984540054): [number, number] {
  if (trials === 0) return [0, 1];
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / (1 + z2 / trials);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
