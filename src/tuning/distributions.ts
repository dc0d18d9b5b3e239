/**
 * The three kinds of parameter distribution a search space declares, with
 * Optuna's meaning (`FloatDistribution`, `IntDistribution`,
 * `CategoricalDistribution`): bounds are inclusive, `log` samples uniformly in
 * log space, `step` discretises. Plain JSON data, so they cross Temporal
 * payloads and are stored with every study.
 */

/** A value a categorical parameter can take. */
export type Choice = string | number | boolean;

/** A real-valued parameter in [low, high]; `log` and `step` exclude each other. */
export interface FloatDistribution {
  readonly type: 'float';
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  /** Grid spacing from `low`, or absent for a continuous parameter. */
  readonly step?: number;
}

/** An integer parameter in [low, high] on a grid of `step` (1 when `log`). */
export interface IntDistribution {
  readonly type: 'int';
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  readonly step: number;
}

/** One of a fixed list of values. */
export interface CategoricalDistribution {
  readonly type: 'categorical';
  readonly choices: readonly Choice[];
}

/** Any of the three. */
export type Distribution = FloatDistribution | IntDistribution | CategoricalDistribution;

/** A parameter value as a trial records it. */
export type ParamValue = Choice;

/**
 * Optuna's `to_internal_repr`: the number the samplers work with — the value
 * itself for numbers, the choice's index for categoricals.
 *
 * @throws RangeError for a value the distribution cannot hold
 */
export function toInternal(distribution: Distribution, value: ParamValue): number {
  if (distribution.type === 'categorical') {
    const index = distribution.choices.indexOf(value);
    if (index < 0) throw new RangeError(`${JSON.stringify(value)} is not one of the choices`);
    return index;
  }
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new RangeError(`${JSON.stringify(value)} is not a number`);
  }
  return value;
}

/** Optuna's `to_external_repr`: back from the internal number to the value. */
export function toExternal(distribution: Distribution, internal: number): ParamValue {
  if (distribution.type === 'categorical') return distribution.choices[Math.trunc(internal)]!;
  if (distribution.type === 'int') return Math.trunc(internal);
  return internal;
}

/** Whether `value` lies in the distribution (bounds, grid, integer-ness, choices). */
export function contains(distribution: Distribution, value: ParamValue): boolean {
  if (distribution.type === 'categorical') return distribution.choices.includes(value);
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (value < distribution.low || value > distribution.high) return false;
  if (distribution.type === 'int' && !Number.isInteger(value)) return false;
  const step = distribution.step;
  if (step === undefined) return true;
  const k = (value - distribution.low) / step;
  return Math.abs(k - Math.round(k)) < 1e-8;
}

/** True when the distribution has one possible value (Optuna's `single()`); samplers skip it. */
export function isSingle(distribution: Distribution): boolean {
  if (distribution.type === 'categorical') return distribution.choices.length === 1;
  if (distribution.low === distribution.high) return true;
  const step = distribution.step;
  return step !== undefined && distribution.high - distribution.low < step;
}
