/**
 * The mixture sequential probability ratio test (mSPRT) with a normal mixing
 * distribution, as in
 *
 *   R. Johari, P. Koomen, L. Pekelis, D. Walsh, "Peeking at A/B Tests: Why it
 *   matters, and what to do about it", KDD 2017, and
 *   R. Johari, L. Pekelis, D. Walsh, "Always Valid Inference: Continuous
 *   Monitoring of A/B Tests", Operations Research 70(3):1806–1821, 2022
 *   (arXiv:1512.04922, first circulated 2015 as "Always Valid Inference:
 *   Bringing Sequential Analysis to A/B Testing"),
 *
 * the method behind Optimizely's Stats Engine.
 *
 * The data enter through one number and its variance: an estimate Δ̂ of the
 * effect θ (candidate minus production) that is approximately N(θ, V). With
 * the mixing distribution H = N(θ₀, τ²) over the alternative, the mixture
 * likelihood ratio against H₀: θ = θ₀ has the closed form
 *
 *   Λ = √(V / (V + τ²)) · exp( τ²(Δ̂ − θ₀)² / (2V(V + τ²)) )
 *
 * (Johari et al. 2022, eq. 11 for two streams; in information time I = 1/V it
 * is ∫ exp(θS − θ²I/2) dH(θ) with S = Δ̂·I, a non-negative martingale under
 * H₀). By Ville's inequality P₀(Λ ever reaches 1/α) ≤ α, however often one
 * looks, so
 *
 * - the always-valid p-value is pₙ = min(pₙ₋₁, 1/Λₙ), p₀ = 1;
 * - the confidence sequence is the running intersection of
 *   {θ₀ : Λₙ(θ₀) < 1/α} = Δ̂ ± √( V(V + τ²)/τ² · (ln((V + τ²)/V) − 2 ln α) ),
 *   which excludes θ₀ exactly when pₙ(θ₀) ≤ α.
 *
 * Validity is exact for Gaussian data with known variance; for 0/1 outcomes
 * and log losses the variance is estimated (plug-in), which Johari et al.
 * show is asymptotically valid. The simulation in `simulation.ts` (and
 * `bench/sections/experiments.ts` at full size) measures the false-positive
 * rate that this approximation actually gives.
 */

/**
 * ln Λ, the log of the normal-mixture likelihood ratio of an estimate.
 *
 * @param estimate - Δ̂, the estimated effect
 * @param variance - V > 0, the variance of the estimate
 * @param tau2 - τ² > 0, the variance of the mixing distribution
 * @param theta0 - the effect under the null hypothesis @default 0
 */
export function mixtureLogLikelihoodRatio(
  estimate: number,
  variance: number,
  tau2: number,
  theta0 = 0,
): number {
  const d = estimate - theta0;
  // ½·ln(V/(V+τ²)) written as −½·ln(1 + τ²/V): exact for small τ²/V too.
  return -0.5 * Math.log1p(tau2 / variance) + (tau2 * d * d) / (2 * variance * (variance + tau2));
}

/**
 * Half the width of the mSPRT confidence interval at one look: the θ₀ with
 * Λ(θ₀) < 1/α are Δ̂ ± this.
 *
 * @param variance - V > 0
 * @param tau2 - τ² > 0
 * @param alpha - the significance level, in (0, 1)
 */
export function mixtureConfidenceHalfWidth(variance: number, tau2: number, alpha: number): number {
  return Math.sqrt(
    ((variance * (variance + tau2)) / tau2) * (Math.log1p(tau2 / variance) - 2 * Math.log(alpha)),
  );
}

/**
 * The always-valid p-value after a look: the smaller of the previous one and
 * 1/Λ (never above 1).
 *
 * @param previous - the p-value before this look (1 before the first)
 * @param logLikelihoodRatio - ln Λ at this look
 */
export function nextAlwaysValidPValue(previous: number, logLikelihoodRatio: number): number {
  return Math.min(previous, Math.exp(-logLikelihoodRatio), 1);
}
