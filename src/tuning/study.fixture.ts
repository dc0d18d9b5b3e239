/**
 * A finished study for report tests: 30 trials of the default space on the
 * synthetic objective, with learning curves, the median pruner's decisions and
 * one failed trial — the shape a real study leaves, without training anything.
 */
import { firstPrunedStep, DEFAULT_MEDIAN_PRUNER } from './median-pruner';
import { DEFAULT_SEARCH_SPACE } from './run-synthetic-study';
import { parseSamplerSettings } from './study-settings';
import { suggestTrial } from './suggest';
import { syntheticObjective } from './synthetic-objective';
import { TrialState, type FinishedTrial } from './trial-record';

/** Validation ROC AUC per epoch rising towards `final` (deterministic). */
function curve(final: number, epochs: number, number: number): number[] {
  return Array.from({ length: epochs }, (_, e) => final - 0.12 * Math.exp(-(e + 1) / (1.5 + (number % 3))));
}

/** `count` trials suggested by TPE from seed 4, pruned where the median pruner says so. */
export function syntheticStudy(count = 30, epochs = 8): FinishedTrial[] {
  const trials: FinishedTrial[] = [];
  const sampler = parseSamplerSettings({ type: 'tpe' });
  for (let number = 0; number < count; number++) {
    const params = suggestTrial({
      space: DEFAULT_SEARCH_SPACE,
      sampler,
      seed: 4,
      trialNumber: number,
      trials,
    });
    if (number === 7) {
      trials.push({ number, state: TrialState.Failed, params, intermediate: [] });
      continue;
    }
    const values = curve(syntheticObjective(params), epochs, number);
    const completed = trials.filter((t) => t.state === TrialState.Complete).map((t) => t.intermediate);
    const pruned = firstPrunedStep(values, completed, { ...DEFAULT_MEDIAN_PRUNER, nWarmupSteps: 2 });
    trials.push(
      pruned === null
        ? { number, state: TrialState.Complete, params, value: Math.max(...values), intermediate: values }
        : { number, state: TrialState.Pruned, params, intermediate: values.slice(0, pruned) },
    );
  }
  return trials;
}
