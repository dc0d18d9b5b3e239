/**
 * Optuna's `TPESampler` with its defaults (v4.9: univariate, no constant liar):
 * the first `nStartupTrials` trials are random; after that, for each parameter,
 * the finished trials are split into the best γ(n) = min(⌈0.1·n⌉, 25) ("below")
 * and the rest, a Parzen estimator is fitted to each group's values of that
 * parameter, `nEiCandidates` values are drawn from the "below" one, and the one
 * maximising log l(x) − log g(x) is suggested.
 *
 * Pruned trials take part as Optuna has them: after the complete ones, ranked by
 * the furthest step reached, then by the value there. Failed trials do not.
 */
import type { Rng } from '../data/random';
import { toExternal, toInternal, type Distribution, type ParamValue } from './distributions';
import { argmax } from './numeric';
import {
  buildParzenEstimator,
  parzenLogPdf,
  sampleParzenEstimator,
  type ParzenEstimatorSettings,
} from './parzen-estimator';
import { sampleRandom } from './random-sampler';
import { TrialState, type FinishedTrial } from './trial-record';

/** Which way the objective is better. */
export type Direction = 'maximize' | 'minimize';

/** TPE settings, Optuna's names and defaults. */
export interface TpeSettings extends ParzenEstimatorSettings {
  /** Random trials before TPE starts. @default 10 */
  readonly nStartupTrials: number;
  /** Candidates drawn from l(x) per parameter. @default 24 */
  readonly nEiCandidates: number;
}

/** Optuna's defaults. */
export const DEFAULT_TPE_SETTINGS: TpeSettings = {
  nStartupTrials: 10,
  nEiCandidates: 24,
  priorWeight: 1,
  considerMagicClip: true,
  considerEndpoints: false,
};

/** Optuna's `default_gamma`: how many finished trials count as good. */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/** Optuna's `_get_pruned_trial_score`: furthest step first, then the best value there. */
function prunedScore(trial: FinishedTrial, direction: Direction): [number, number] {
  const steps = trial.intermediate.length;
  if (steps === 0) return [1, 0];
  const last = trial.intermediate[steps - 1];
  if (last === null || last === undefined || Number.isNaN(last)) return [-steps, Infinity];
  return [-steps, direction === 'minimize' ? last : -last];
}

/**
 * Optuna's `_split_trials` for one objective without constraints: the best
 * `nBelow` complete trials, topped up with the best pruned ones, are "below";
 * both groups in trial-number order.
 */
export function splitTrials(
  trials: readonly FinishedTrial[],
  nBelow: number,
  direction: Direction,
): { below: FinishedTrial[]; above: FinishedTrial[] } {
  const complete = trials.filter((t) => t.state === TrialState.Complete);
  const pruned = trials.filter((t) => t.state === TrialState.Pruned);
  // Array.prototype.sort is stable, as Python's sorted is: ties keep trial order.
  const sign = direction === 'maximize' ? -1 : 1;
  const byValue = [...complete].sort((a, b) => sign * ((a.value ?? NaN) - (b.value ?? NaN)));
  const completeBelow = Math.min(nBelow, byValue.length);
  const rest = Math.max(0, nBelow - completeBelow);
  const byScore = [...pruned].sort((a, b) => {
    const [a1, a2] = prunedScore(a, direction);
    const [b1, b2] = prunedScore(b, direction);
    return a1 - b1 || (a2 === b2 ? 0 : a2 < b2 ? -1 : 1);
  });
  const prunedBelow = Math.min(rest, byScore.length);
  const byNumber = (a: FinishedTrial, b: FinishedTrial) => a.number - b.number;
  return {
    below: [...byValue.slice(0, completeBelow), ...byScore.slice(0, prunedBelow)].sort(byNumber),
    above: [...byValue.slice(completeBelow), ...byScore.slice(prunedBelow)].sort(byNumber),
  };
}

/** The trials' values of `name`, internal representation, from the trials that have it. */
function observations(trials: readonly FinishedTrial[], name: string, distribution: Distribution): number[] {
  return trials.filter((t) => name in t.params).map((t) => toInternal(distribution, t.params[name]!));
}

/** Inputs of {@link sampleTpe}. */
export interface SampleTpeInput {
  readonly name: string;
  readonly distribution: Distribution;
  /** Every finished trial the suggestion may use (failed ones are ignored). */
  readonly trials: readonly FinishedTrial[];
  readonly direction: Direction;
  readonly settings: TpeSettings;
  readonly rng: Rng;
}

/** Suggests a value of one parameter (Optuna's `sample_independent`). */
export function sampleTpe(input: SampleTpeInput): ParamValue {
  const { name, distribution, direction, settings, rng } = input;
  const trials = input.trials.filter((t) => t.state !== TrialState.Failed);
  if (trials.length < settings.nStartupTrials) return sampleRandom(distribution, rng);
  const { below, above } = splitTrials(trials, defaultGamma(trials.length), direction);
  const l = buildParzenEstimator(observations(below, name, distribution), distribution, settings);
  const g = buildParzenEstimator(observations(above, name, distribution), distribution, settings);
  const candidates = sampleParzenEstimator(l, rng, settings.nEiCandidates);
  const logL = parzenLogPdf(l, candidates);
  const logG = parzenLogPdf(g, candidates);
  const best = candidates[argmax(logL.map((v, i) => v - logG[i]!))]!;
  const value = toExternal(distribution, best);
  // A continuous log value can land one ulp outside its bounds after exp(log(x)).
  if (typeof value === 'number' && distribution.type !== 'categorical') {
    return Math.min(Math.max(value, distribution.low), distribution.high);
  }
  return value;
}
