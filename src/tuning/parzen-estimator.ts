/**
 * The univariate Parzen estimator of Optuna's TPE
 * (`optuna/samplers/_tpe/parzen_estimator.py` and
 * `probability_distributions.py`, v4.9): a weighted mixture with one kernel per
 * observation plus one prior kernel. Numerical parameters get truncated normal
 * kernels (in log space for `log`, integrated over ±step/2 for a grid), with
 * the neighbour-distance bandwidths, the endpoint rule and the "magic clip";
 * categorical ones get a smoothed one-hot per observation.
 */
import type { Rng } from '../data/random';
import type { Distribution } from './distributions';
import { linspace, roundHalfEven } from './numeric';
import { logAddExp, logGaussMass, truncatedNormalPpf } from './truncated-normal';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** Settings of the estimator, Optuna's names and defaults. */
export interface ParzenEstimatorSettings {
  /** Weight of the prior kernel. @default 1 */
  readonly priorWeight: number;
  /** Floor bandwidths at (high − low) / min(100, 1 + kernels). @default true */
  readonly considerMagicClip: boolean;
  /** Let the domain ends count as neighbours of the outermost observations. @default false */
  readonly considerEndpoints: boolean;
}

/** Optuna's `default_weights(n)`: ones below 25 observations, then a ramp from 1/n for the older ones. */
export function defaultWeights(n: number): number[] {
  if (n === 0) return [];
  if (n < 25) return new Array<number>(n).fill(1);
  return [...linspace(1 / n, 1, n - 25), ...new Array<number>(25).fill(1)];
}

interface NumericKernels {
  readonly kind: 'numeric';
  readonly mus: readonly number[];
  readonly sigmas: readonly number[];
  /** Bounds of the sampling space (log'd for log, widened by step/2 for a grid). */
  readonly adaptedLow: number;
  readonly adaptedHigh: number;
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  /** 0 for a continuous parameter. */
  readonly step: number;
  /** Per kernel, log of its normal mass inside the bounds (computed once: it does not depend on x). */
  readonly logMass: readonly number[];
}

interface CategoricalKernels {
  readonly kind: 'categorical';
  /** One row of choice probabilities per kernel. */
  readonly rows: readonly (readonly number[])[];
}

/** A fitted estimator: mixture weights and one kernel per component. */
export interface ParzenEstimator {
  readonly weights: readonly number[];
  readonly kernels: NumericKernels | CategoricalKernels;
}

const EPS = 1e-12;

function bandwidths(mus: readonly number[], low: number, high: number, settings: ParzenEstimatorSettings) {
  // Stable order for ties (numpy's default argsort is not stable; tied observations
  // get the same bandwidth in every case that matters here).
  const order = mus.map((_, i) => i).sort((i, j) => mus[i]! - mus[j]! || i - j);
  const sorted = [low, ...order.map((i) => mus[i]!), high];
  const sortedSigmas = order.map((_, k) =>
    Math.max(sorted[k + 1]! - sorted[k]!, sorted[k + 2]! - sorted[k + 1]!),
  );
  if (!settings.considerEndpoints && sorted.length >= 4) {
    sortedSigmas[0] = sorted[2]! - sorted[1]!;
    sortedSigmas[sortedSigmas.length - 1] = sorted[sorted.length - 2]! - sorted[sorted.length - 3]!;
  }
  const sigmas = new Array<number>(mus.length);
  order.forEach((i, k) => (sigmas[i] = sortedSigmas[k]!));
  const maxSigma = high - low;
  const minSigma = settings.considerMagicClip ? (high - low) / Math.min(100, 1 + (mus.length + 1)) : EPS;
  return sigmas.map((s) => Math.min(Math.max(s, minSigma), maxSigma));
}

function numericKernels(
  observations: readonly number[],
  d: Extract<Distribution, { type: 'float' | 'int' }>,
  settings: ParzenEstimatorSettings,
): NumericKernels {
  const step = d.step ?? 0;
  let low = d.low - step / 2;
  let high = d.high + step / 2;
  let mus = [...observations];
  if (d.log) {
    mus = mus.map(Math.log);
    low = Math.log(low);
    high = Math.log(high);
  }
  const allMus = [...mus, 0.5 * (low + high)];
  const allSigmas = [...bandwidths(mus, low, high, settings), high - low];
  return {
    kind: 'numeric',
    mus: allMus,
    sigmas: allSigmas,
    logMass: allMus.map((mu, c) => logGaussMass((low - mu) / allSigmas[c]!, (high - mu) / allSigmas[c]!)),
    adaptedLow: low,
    adaptedHigh: high,
    low: d.low,
    high: d.high,
    log: d.log,
    step,
  };
}

function categoricalKernels(
  observations: readonly number[],
  choices: number,
  settings: ParzenEstimatorSettings,
): CategoricalKernels {
  if (observations.length === 0)
    return { kind: 'categorical', rows: [new Array<number>(choices).fill(1 / choices)] };
  const kernels = observations.length + 1;
  const rows = Array.from({ length: kernels }, (_, k) => {
    const row = new Array<number>(choices).fill(settings.priorWeight / kernels);
    if (k < observations.length) row[Math.trunc(observations[k]!)]! += 1;
    const sum = row.reduce((a, b) => a + b, 0);
    return row.map((w) => w / (sum === 0 ? 1 : sum));
  });
  return { kind: 'categorical', rows };
}

/**
 * Fits the estimator to observations in internal representation (numbers;
 * choice indices for categoricals), oldest first.
 *
 * @param weights - Optuna's `weights` function; {@link defaultWeights} unless the caller overrides it
 */
export function buildParzenEstimator(
  observations: readonly number[],
  distribution: Distribution,
  settings: ParzenEstimatorSettings,
  weights: (n: number) => number[] = defaultWeights,
): ParzenEstimator {
  if (settings.priorWeight < 0) throw new RangeError(`priorWeight must be >= 0, got ${settings.priorWeight}`);
  const raw =
    observations.length === 0
      ? [1]
      : [...weights(observations.length).slice(0, observations.length), settings.priorWeight];
  const total = raw.reduce((a, b) => a + b, 0);
  const kernels =
    distribution.type === 'categorical'
      ? categoricalKernels(observations, distribution.choices.length, settings)
      : numericKernels(observations, distribution, settings);
  return { weights: raw.map((w) => w / total), kernels };
}

/** numpy's `choice(len(p), p=p)`: the first index whose cumulative weight exceeds u. */
function pickComponent(weights: readonly number[], u: number): number {
  let cumulative = 0;
  const total = weights.reduce((a, b) => a + b, 0);
  for (let k = 0; k < weights.length; k++) {
    cumulative += weights[k]!;
    if (cumulative / total > u) return k;
  }
  return weights.length - 1;
}

/**
 * Draws `size` values (internal representation) from the mixture: first every
 * component index, then one uniform quantile per value, in Optuna's order.
 */
export function sampleParzenEstimator(estimator: ParzenEstimator, rng: Rng, size: number): number[] {
  const active = Array.from({ length: size }, () => pickComponent(estimator.weights, rng.next()));
  const quantiles = Array.from({ length: size }, () => rng.next());
  const k = estimator.kernels;
  if (k.kind === 'categorical') {
    return active.map((component, i) => {
      const row = k.rows[component]!;
      let below = 0;
      let cumulative = 0;
      for (let c = 0; c < row.length; c++) {
        cumulative = c === row.length - 1 ? 1 : cumulative + row[c]!; // the last is 1, avoiding rounding
        if (cumulative < quantiles[i]!) below++;
      }
      return below;
    });
  }
  return active.map((component, i) => {
    const mu = k.mus[component]!;
    const sigma = k.sigmas[component]!;
    const z = truncatedNormalPpf(quantiles[i]!, (k.adaptedLow - mu) / sigma, (k.adaptedHigh - mu) / sigma);
    let x = z * sigma + mu;
    if (k.log) x = Math.exp(x);
    if (k.step !== 0)
      x = Math.min(Math.max(k.low + roundHalfEven((x - k.low) / k.step) * k.step, k.low), k.high);
    return x;
  });
}

/** log N(x; mu, sigma) truncated to the kernel's bounds, or the log mass of x's grid cell. */
function kernelLogPdf(k: NumericKernels, c: number, x: number): number {
  const mu = k.mus[c]!;
  const sigma = k.sigmas[c]!;
  if (k.step === 0) {
    const z = ((k.log ? Math.log(x) : x) - mu) / sigma;
    const a = (k.adaptedLow - mu) / sigma;
    const b = (k.adaptedHigh - mu) / sigma;
    if (z < a || z > b) return -Infinity;
    return -(z * z) / 2 - LOG_SQRT_2PI - k.logMass[c]! - Math.log(sigma);
  }
  const left = k.log ? Math.log(x - k.step / 2) : x - k.step / 2;
  const right = k.log ? Math.log(x + k.step / 2) : x + k.step / 2;
  return logGaussMass((left - mu) / sigma, (right - mu) / sigma) - k.logMass[c]!;
}

/** Log density (log mass on a grid) of the mixture at each value (internal representation). */
export function parzenLogPdf(estimator: ParzenEstimator, values: readonly number[]): number[] {
  const k = estimator.kernels;
  const logWeights = estimator.weights.map(Math.log);
  // Grid parameters repeat values among the candidates: each distinct value is scored once.
  const memo = new Map<number, number>();
  return values.map((x) => {
    const known = memo.get(x);
    if (known !== undefined) return known;
    let total = -Infinity;
    for (let c = 0; c < logWeights.length; c++) {
      const component =
        k.kind === 'categorical' ? Math.log(k.rows[c]![Math.trunc(x)]!) : kernelLogPdf(k, c, x);
      total = logAddExp(total, logWeights[c]! + component);
    }
    memo.set(x, total);
    return total;
  });
}
