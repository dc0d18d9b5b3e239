/**
 * Which coalitions KernelSHAP evaluates, and with what weight — shap's
 * KernelExplainer.explain, step for step, with this project's seeded generator
 * in place of numpy's global one:
 *
 * 1. the Shapley kernel is grouped by coalition size (`kernelSizeWeights`);
 * 2. sizes are taken from the outside in (1 and M − 1, then 2 and M − 2, …): a
 *    size whose share of the remaining budget covers all its coalitions (and their
 *    complements) is enumerated completely, each coalition weighted
 *    kernel(size) / C(M, size) (halved when paired with its complement);
 * 3. the rest of the budget is drawn at random: a size with probability
 *    proportional to its kernel weight, then a uniform coalition of that size
 *    and, for sizes below the middle, its complement too (paired sampling, which
 *    cancels the estimator's first-order error). A coalition drawn again adds 1 to
 *    its weight instead of being evaluated twice; the drawn weights are then
 *    scaled to the kernel mass of the sizes that were not enumerated.
 *
 * The empty and full coalitions are never sampled: they enter as the constraint
 * that the attributions sum to f(x) − E[f] (see constrained-wls.ts).
 */
import { createRng } from '../data/random';
import { binomial, kernelSizeWeights } from './shapley-weights';

/** Coalitions over `players` players (bit masks) and their kernel weights. */
export interface CoalitionPlan {
  readonly masks: number[];
  readonly weights: number[];
  /** Sizes enumerated completely (1 and M − 1 count as one). */
  readonly enumeratedSizes: number;
}

/** Every k-subset of 0 … n − 1 as a bit mask, in lexicographic order (as itertools.combinations). */
function* combinations(n: number, k: number): Generator<number> {
  const index = Array.from({ length: k }, (_, i) => i);
  while (true) {
    yield index.reduce((mask, i) => mask | (1 << i), 0);
    let i = k - 1;
    while (i >= 0 && index[i] === n - k + i) i--;
    if (i < 0) return;
    index[i]!++;
    for (let j = i + 1; j < k; j++) index[j] = index[j - 1]! + 1;
  }
}

/**
 * Plans the coalitions of a KernelSHAP estimate over `players` players.
 *
 * @param budget - coalitions to evaluate; capped at 2^players − 2 (then every one is enumerated)
 * @param seed - seed of the random draws
 */
export function planCoalitions(players: number, budget: number, seed: number): CoalitionPlan {
  const M = players;
  const full = (1 << M) - 1;
  const nsamples = Math.min(budget, 2 ** M - 2);
  const sizeCount = Math.ceil((M - 1) / 2);
  const pairedCount = Math.floor((M - 1) / 2);
  const kernel = kernelSizeWeights(M);
  const masks: number[] = [];
  const weights: number[] = [];

  let enumeratedSizes = 0;
  let left = nsamples;
  const remaining = Float64Array.from(kernel);
  for (let size = 1; size <= sizeCount; size++) {
    const paired = size <= pairedCount;
    const count = binomial(M, size) * (paired ? 2 : 1);
    if ((left * remaining[size - 1]!) / count < 1 - 1e-8) break;
    enumeratedSizes++;
    left -= count;
    if (remaining[size - 1]! < 1) {
      const rest = 1 - remaining[size - 1]!;
      for (let i = 0; i < remaining.length; i++) remaining[i]! /= rest;
    }
    const w = kernel[size - 1]! / binomial(M, size) / (paired ? 2 : 1);
    for (const mask of combinations(M, size)) {
      masks.push(mask);
      weights.push(w);
      if (paired) {
        masks.push(full ^ mask);
        weights.push(w);
      }
    }
  }

  let samplesLeft = nsamples - masks.length;
  if (enumeratedSizes === sizeCount || samplesLeft <= 0) return { masks, weights, enumeratedSizes };

  const fixed = masks.length;
  const drawWeights = kernel
    .slice(enumeratedSizes)
    .map((w, i) => (i + enumeratedSizes < pairedCount ? w / 2 : w));
  const drawTotal = drawWeights.reduce((a, b) => a + b, 0);
  const rng = createRng(seed);
  const drawSize = (): number => {
    let r = rng.next() * drawTotal;
    for (let i = 0; i < drawWeights.length; i++) {
      r -= drawWeights[i]!;
      if (r < 0) return i + enumeratedSizes + 1;
    }
    return drawWeights.length + enumeratedSizes;
  };
  const order = Array.from({ length: M }, (_, i) => i);
  const randomSubset = (size: number): number => {
    // Partial Fisher–Yates: the first `size` entries of a uniform permutation.
    let mask = 0;
    for (let i = 0; i < size; i++) {
      const j = i + rng.int(M - i);
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
      mask |= 1 << order[i]!;
    }
    return mask;
  };
  const seen = new Map<number, number>();
  const add = (mask: number): void => {
    const at = seen.get(mask);
    if (at !== undefined) {
      weights[at]! += 1;
      return;
    }
    seen.set(mask, masks.length);
    masks.push(mask);
    weights.push(1);
    samplesLeft--;
  };
  // shap draws 4 × the samples left and stops there; the same bound keeps this loop finite.
  for (let draws = 4 * samplesLeft; samplesLeft > 0 && draws > 0; draws--) {
    const size = drawSize();
    const mask = randomSubset(size);
    add(mask);
    if (samplesLeft > 0 && size <= pairedCount) add(full ^ mask);
  }
  let drawn = 0;
  for (let i = fixed; i < weights.length; i++) drawn += weights[i]!;
  let kernelLeft = 0;
  for (let i = enumeratedSizes; i < kernel.length; i++) kernelLeft += kernel[i]!;
  for (let i = fixed; i < weights.length; i++) weights[i] = (weights[i]! * kernelLeft) / drawn;
  return { masks, weights, enumeratedSizes };
}
