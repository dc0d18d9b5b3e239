/**
 * Optuna's `RandomSampler`: one uniform draw per parameter in the transformed
 * space (`optuna/_transform.py`), then back: log parameters are uniform in log
 * space, grids are widened by half a step each side and rounded (numpy's
 * half-to-even), integers on a log scale round `exp(u)`, categoricals are uniform.
 */
import type { Rng } from '../data/random';
import type { Distribution, ParamValue } from './distributions';
import { roundHalfEven } from './numeric';

/** The largest double below x (numpy's `nextafter(x, x - 1)`). */
function below(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  const buffer = new Float64Array([x]);
  const bits = new BigInt64Array(buffer.buffer);
  bits[0] = bits[0]! + (x > 0 ? -1n : 1n);
  return buffer[0]!;
}

/** Draws one value of `distribution` with one uniform from `rng`. */
export function sampleRandom(distribution: Distribution, rng: Rng): ParamValue {
  const u = rng.next();
  const d = distribution;
  if (d.type === 'categorical')
    return d.choices[Math.min(d.choices.length - 1, Math.floor(u * d.choices.length))]!;
  if (d.type === 'float') {
    if (d.log) {
      const x = Math.exp(Math.log(d.low) + u * (Math.log(d.high) - Math.log(d.low)));
      return d.low === d.high ? x : Math.min(x, below(d.high));
    }
    if (d.step !== undefined) {
      const x = d.low - d.step / 2 + u * (d.high - d.low + d.step);
      return Math.min(Math.max(roundHalfEven((x - d.low) / d.step) * d.step + d.low, d.low), d.high);
    }
    const x = d.low + u * (d.high - d.low);
    return d.low === d.high ? x : Math.min(x, below(d.high));
  }
  if (d.log) {
    const lo = Math.log(d.low - 0.5);
    const hi = Math.log(d.high + 0.5);
    return Math.min(Math.max(roundHalfEven(Math.exp(lo + u * (hi - lo))), d.low), d.high);
  }
  const x = d.low - d.step / 2 + u * (d.high - d.low + d.step);
  return Math.min(Math.max(roundHalfEven((x - d.low) / d.step) * d.step + d.low, d.low), d.high);
}
