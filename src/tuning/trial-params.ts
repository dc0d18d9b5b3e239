/**
 * A trial's sampled parameters as training parameters: the space's `fixed`
 * settings, then the sample (`units_l1 … units_l<layers>` become `hiddenUnits`,
 * `modelFamily: logreg` means no hidden layer and no dropout). The same
 * mapping starts a trial and retrains the study's best configuration, so the
 * retrained model is the trial's model trained on the registry's path.
 */
import type { ParamValue } from './distributions';
import type { SearchSpace } from './search-space';
import { DEFAULT_HIDDEN_UNITS, unitsParameter } from './suggest';

/** The training parameters a trial sets (plain JSON; the training schema validates them). */
export interface TrialTrainingParams {
  epochs?: number;
  patience?: number;
  minDelta?: number;
  seed?: number;
  learningRate?: number;
  batchSize?: number;
  l2?: number;
  dropoutRate?: number;
  hiddenUnits?: number[];
  classWeighting?: 'balanced' | 'none';
}

/** Maps a suggestion (see {@link suggestTrial}) to training parameters. */
export function trialTrainingParams(
  space: SearchSpace,
  params: Readonly<Record<string, ParamValue>>,
): TrialTrainingParams {
  const out: TrialTrainingParams = { ...space.fixed };
  const num = (name: string): number | undefined => {
    const value = params[name];
    return typeof value === 'number' ? value : undefined;
  };
  const learningRate = num('learningRate');
  const batchSize = num('batchSize');
  const l2 = num('l2');
  if (learningRate !== undefined) out.learningRate = learningRate;
  if (batchSize !== undefined) out.batchSize = batchSize;
  if (l2 !== undefined) out.l2 = l2;
  if (params.classWeighting === 'balanced' || params.classWeighting === 'none')
    out.classWeighting = params.classWeighting;
  if (params.modelFamily === 'logreg') {
    out.hiddenUnits = [];
    out.dropoutRate = 0;
    return out;
  }
  const dropout = num('dropout');
  if (dropout !== undefined) out.dropoutRate = dropout;
  const layers = num('layers');
  const units: number[] = [];
  const count = layers ?? DEFAULT_HIDDEN_UNITS.length;
  for (let layer = 1; layer <= count; layer++) {
    const u = num(unitsParameter(layer));
    if (u === undefined) break;
    units.push(u);
  }
  if (units.length === count) out.hiddenUnits = units;
  else if (layers !== undefined) out.hiddenUnits = DEFAULT_HIDDEN_UNITS.slice(0, layers);
  return out;
}
