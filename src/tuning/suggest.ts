/**
 * Suggests one trial's parameters from a search space, a sampler, the study
 * seed, the trial number and the finished trials the study lets it see — and
 * from nothing else. Each parameter draws from its own generator seeded with
 * (study seed, trial number, parameter name), so the same inputs always give
 * the same suggestion, whether the study ran without a break, resumed after a
 * crash or continued as new.
 *
 * The space is conditional, as an Optuna objective would write it:
 * `modelFamily` first; `layers`, one `units_l<i>` per layer and `dropout` only
 * for the DNN.
 */
import { createRng } from '../data/random';
import { deriveSeed } from '../model/seeds';
import { contains, isSingle, type Distribution, type ParamValue } from './distributions';
import { StudySettingsError } from './errors';
import { hashString } from './numeric';
import { sampleRandom } from './random-sampler';
import { DNN_ONLY_PARAMETERS, SPACE_PARAMETERS, type ModelFamily, type SearchSpace } from './search-space';
import type { SamplerSettings } from './study-settings';
import { sampleTpe, type Direction } from './tpe-sampler';
import type { FinishedTrial } from './trial-record';

/** Salt that keeps sampler seeds apart from training seeds derived from the same number. */
const SAMPLER_SEED_PURPOSE = 0x7475_6e65; // "tune"

/** Default hidden layers when a space varies neither `layers` nor `units` (the production architecture). */
export const DEFAULT_HIDDEN_UNITS: readonly number[] = [64, 32];

/** Name of the units parameter of hidden layer `layer` (1-based). */
export const unitsParameter = (layer: number): string => `units_l${layer}`;

/** Inputs of {@link suggestTrial}. */
export interface SuggestTrialInput {
  readonly space: SearchSpace;
  readonly sampler: SamplerSettings;
  readonly seed: number;
  readonly trialNumber: number;
  /** The finished trials this suggestion may use. */
  readonly trials: readonly FinishedTrial[];
  /** Values fixed in advance (an enqueued configuration); checked with {@link checkFixedParams}. */
  readonly fixed?: Readonly<Record<string, ParamValue>>;
  /** @default 'maximize' (validation ROC AUC) */
  readonly direction?: Direction;
}

/** The parameters a trial of this family samples, in order, with their distributions. */
function* parametersOf(space: SearchSpace, pick: (name: string, d: Distribution) => ParamValue) {
  const family = space.parameters.modelFamily
    ? (pick('modelFamily', space.parameters.modelFamily) as ModelFamily)
    : 'dnn';
  for (const name of SPACE_PARAMETERS) {
    if (name === 'modelFamily') continue;
    if (family !== 'dnn' && DNN_ONLY_PARAMETERS.has(name)) continue;
    const distribution = space.parameters[name];
    if (!distribution) continue;
    if (name !== 'units') {
      yield [name, distribution] as const;
      continue;
    }
    const layersDistribution = space.parameters.layers;
    const layers = layersDistribution
      ? (pick('layers', layersDistribution) as number)
      : DEFAULT_HIDDEN_UNITS.length;
    for (let layer = 1; layer <= layers; layer++) yield [unitsParameter(layer), distribution] as const;
  }
}

/**
 * The trial's parameters. With TPE, the first `nStartupTrials` non-failed
 * trials are random, as in Optuna.
 */
export function suggestTrial(input: SuggestTrialInput): Record<string, ParamValue> {
  const { space, sampler, seed, trialNumber, trials } = input;
  const direction = input.direction ?? 'maximize';
  const params: Record<string, ParamValue> = {};
  const pick = (name: string, distribution: Distribution): ParamValue => {
    const known = params[name];
    if (known !== undefined) return known;
    const fixed = input.fixed?.[name];
    let value: ParamValue;
    if (fixed !== undefined) value = fixed;
    else if (isSingle(distribution))
      value = distribution.type === 'categorical' ? distribution.choices[0]! : distribution.low;
    else {
      const rng = createRng(deriveSeed(seed, SAMPLER_SEED_PURPOSE, trialNumber, hashString(name)));
      value =
        sampler.type === 'random'
          ? sampleRandom(distribution, rng)
          : sampleTpe({ name, distribution, trials, direction, settings: sampler, rng });
    }
    params[name] = value;
    return value;
  };
  for (const [name, distribution] of parametersOf(space, pick)) pick(name, distribution);
  return params;
}

/**
 * Checks an enqueued configuration against the space: every name is one the
 * space samples (for some family), every value lies in its distribution.
 *
 * @throws StudySettingsError naming `params.<name>`
 */
export function checkFixedParams(space: SearchSpace, fixed: Readonly<Record<string, unknown>>): void {
  const maxLayers = (() => {
    const d = space.parameters.layers;
    if (!d) return DEFAULT_HIDDEN_UNITS.length;
    return d.type === 'categorical' ? Math.max(...d.choices.map(Number)) : d.high;
  })();
  for (const [name, value] of Object.entries(fixed)) {
    const unitsLayer = /^units_l(\d+)$/.exec(name);
    const base = unitsLayer ? 'units' : name;
    const distribution = (space.parameters as Record<string, Distribution | undefined>)[base];
    if (
      !distribution ||
      (unitsLayer && Number(unitsLayer[1]) > maxLayers) ||
      unitsLayer?.[1]?.startsWith('0')
    ) {
      throw new StudySettingsError(`params.${name}`, 'is not a parameter of this search space');
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new StudySettingsError(`params.${name}`, 'must be a string, number or boolean');
    }
    if (!contains(distribution, value)) {
      throw new StudySettingsError(`params.${name}`, `${JSON.stringify(value)} is outside the search space`);
    }
  }
}
