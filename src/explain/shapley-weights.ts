/**
 * The two weightings of coalitions in Shapley-value computations.
 *
 * - Exact Shapley value of player i in a game of n players:
 *   φᵢ = Σ_{S ⊆ N∖{i}} |S|! (n − |S| − 1)! / n! · (v(S ∪ {i}) − v(S)).
 * - The Shapley kernel of KernelSHAP (Lundberg & Lee 2017, theorem 2), per
 *   coalition of size s: (n − 1) / (C(n, s) · s · (n − s)); shap's KernelExplainer
 *   groups it by size as (n − 1) / (s (n − s)) and divides by C(n, s) per coalition.
 */

/** C(n, k) as a float64 (exact for the n ≤ 30 used here). */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let result = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) result = (result * (n - i + 1)) / i;
  return Math.round(result);
}

/** s! (n − s − 1)! / n! for s = 0 … n − 1: the weight of a marginal contribution to a coalition of size s. */
export function shapleyWeights(n: number): Float64Array {
  const weights = new Float64Array(Math.max(n, 0));
  // s!(n−s−1)!/n! = 1 / (n · C(n−1, s))
  for (let s = 0; s < n; s++) weights[s] = 1 / (n * binomial(n - 1, s));
  return weights;
}

/**
 * shap's per-size kernel weights for `n` players, as KernelExplainer builds its
 * `weight_vector`: sizes 1 … ⌈(n − 1)/2⌉, each (n − 1)/(s(n − s)), doubled for
 * the sizes that stand for themselves and their complements (1 … ⌊(n − 1)/2⌋),
 * normalised to sum to 1.
 */
export function kernelSizeWeights(n: number): Float64Array {
  const sizes = Math.ceil((n - 1) / 2);
  const paired = Math.floor((n - 1) / 2);
  const weights = new Float64Array(sizes);
  let total = 0;
  for (let s = 1; s <= sizes; s++) {
    weights[s - 1] = ((n - 1) / (s * (n - s))) * (s <= paired ? 2 : 1);
    total += weights[s - 1]!;
  }
  for (let i = 0; i < sizes; i++) weights[i]! /= total;
  return weights;
}
