/**
 * Optuna's `MedianPruner` (a `PercentilePruner` at 50, v4.9): a trial is pruned
 * at step s when its best intermediate value so far is worse than the median of
 * the completed trials' values at step s — once `nStartupTrials` trials have
 * completed, from step `nWarmupSteps` on, at every `intervalSteps`-th step
 * (offset by the warm-up). A trial whose values are all NaN is pruned.
 * Steps are epochs, 1-based: the first value a trial reports is step 1.
 */
import { nanPercentile } from './numeric';
import type { Direction } from './tpe-sampler';

/** Median pruner settings, Optuna's names and defaults. */
export interface MedianPrunerSettings {
  /** Completed trials needed before anything is pruned. @default 5 */
  readonly nStartupTrials: number;
  /** No pruning before this step. @default 0 */
  readonly nWarmupSteps: number;
  /** Check every this many steps, counted from the warm-up. @default 1 */
  readonly intervalSteps: number;
  /** Completed trials that must have a value at the step for it to be judged. @default 1 */
  readonly nMinTrials: number;
}

/** Optuna's defaults. */
export const DEFAULT_MEDIAN_PRUNER: MedianPrunerSettings = {
  nStartupTrials: 5,
  nWarmupSteps: 0,
  intervalSteps: 1,
  nMinTrials: 1,
};

const valueOf = (v: number | null | undefined): number => (v === null || v === undefined ? Number.NaN : v);

/**
 * Optuna's `_is_first_in_interval_step` for steps reported 1, 2, …, `step`: is
 * `step` the first reported step at or after the latest pruning checkpoint?
 */
function isCheckStep(step: number, settings: MedianPrunerSettings): boolean {
  const nearestLowerCheck =
    Math.floor((step - settings.nWarmupSteps) / settings.intervalSteps) * settings.intervalSteps +
    settings.nWarmupSteps;
  const secondLastStep = step > 1 ? step - 1 : -1;
  return secondLastStep < nearestLowerCheck;
}

/**
 * Whether a trial that has reported `intermediate` (steps 1..length) is pruned
 * at its last step (Optuna's `PercentilePruner.prune`).
 *
 * @param completed - intermediate values of the completed trials the decision may use
 */
export function shouldPrune(
  intermediate: readonly (number | null)[],
  completed: readonly (readonly (number | null)[])[],
  settings: MedianPrunerSettings,
  direction: Direction = 'maximize',
): boolean {
  if (completed.length === 0 || completed.length < settings.nStartupTrials) return false;
  const step = intermediate.length;
  if (step === 0 || step < settings.nWarmupSteps) return false;
  if (!isCheckStep(step, settings)) return false;
  const values = intermediate.map(valueOf).filter((v) => !Number.isNaN(v));
  if (values.length === 0) return true;
  const best = direction === 'maximize' ? Math.max(...values) : Math.min(...values);
  const atStep = completed.filter((t) => t.length >= step).map((t) => valueOf(t[step - 1]));
  if (atStep.length < settings.nMinTrials) return false;
  // Optuna takes the (100 − p)th percentile when maximising; at p = 50 both are the median.
  const median = nanPercentile(atStep, 50);
  if (Number.isNaN(median)) return false;
  return direction === 'maximize' ? best < median : best > median;
}

/**
 * The first step at which the pruner stops a trial with these intermediate
 * values, or null when it runs to the end: the same answer whether the steps
 * are judged one by one as they arrive or all at once afterwards, which is
 * what makes a pruned trial's outcome independent of when progress reached the study.
 */
export function firstPrunedStep(
  intermediate: readonly (number | null)[],
  completed: readonly (readonly (number | null)[])[],
  settings: MedianPrunerSettings,
  direction: Direction = 'maximize',
): number | null {
  for (let step = 1; step <= intermediate.length; step++) {
    if (shouldPrune(intermediate.slice(0, step), completed, settings, direction)) return step;
  }
  return null;
}
