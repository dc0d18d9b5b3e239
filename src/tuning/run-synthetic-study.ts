/**
 * Runs a sequential study on the synthetic objective with src/tuning's
 * samplers: what the sampler tests and the benchmark compare with Optuna.
 */
import { parseSearchSpace, type SearchSpace } from './search-space';
import type { SamplerSettings } from './study-settings';
import { suggestTrial } from './suggest';
import { syntheticObjective } from './synthetic-objective';
import { TrialState, type FinishedTrial } from './trial-record';

/** The default search space (tuning/search-space.yaml) as data, for tests and the benchmark. */
export const DEFAULT_SEARCH_SPACE: SearchSpace = parseSearchSpace({
  version: 1,
  parameters: {
    modelFamily: { type: 'categorical', choices: ['dnn', 'logreg'] },
    learningRate: { type: 'float', low: 1e-4, high: 3e-2, log: true },
    batchSize: { type: 'categorical', choices: [64, 128, 256, 512] },
    l2: { type: 'float', low: 1e-6, high: 1e-2, log: true },
    classWeighting: { type: 'categorical', choices: ['balanced', 'none'] },
    layers: { type: 'int', low: 1, high: 3 },
    units: { type: 'int', low: 8, high: 128, log: true },
    dropout: { type: 'float', low: 0, high: 0.5 },
  },
  fixed: { epochs: 30, patience: 5 },
});

/**
 * Best value so far after each of `trials` sequential trials (each trial sees
 * all earlier ones), for one sampler and seed.
 */
export function syntheticBestCurve(
  sampler: SamplerSettings,
  seed: number,
  trials: number,
  space = DEFAULT_SEARCH_SPACE,
): number[] {
  const finished: FinishedTrial[] = [];
  const curve: number[] = [];
  for (let number = 0; number < trials; number++) {
    const params = suggestTrial({ space, sampler, seed, trialNumber: number, trials: finished });
    const value = syntheticObjective(params);
    finished.push({ number, state: TrialState.Complete, params, value, intermediate: [value] });
    curve.push(Math.max(value, curve.at(-1) ?? -Infinity));
  }
  return curve;
}
