/**
 * The fixed-horizon comparator of the sequential test: how many outcomes a
 * classical two-sided two-proportion z-test, looked at once, needs for a
 * given power. The simulation compares the mSPRT's median sample with it.
 */
import { normalCdf } from '../drift/normal-distribution';

/** z with Φ(z) = p, by bisection on the project's Φ (pinned to scipy; called a handful of times). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  let lo = -40;
  let hi = 40;
  for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** What the fixed-horizon test is sized for. */
export interface FixedHorizonInput {
  /** Production's success rate. */
  readonly baseline: number;
  /** The candidate's, baseline + lift. */
  readonly treatment: number;
  /** Share of outcomes in the candidate arm, in (0, 1). */
  readonly candidateShare: number;
  readonly alpha: number;
  /** Wanted power, in (0, 1). */
  readonly power: number;
}

/**
 * Total outcomes (both arms) a two-sided Wald z-test for a difference of two
 * proportions needs: N = (z₁₋α/₂ + z_power)² · (p_c q_c / r + p_p q_p /(1 − r)) / δ²,
 * with r the candidate's share (the textbook formula with unpooled
 * variances; e.g. Chow, Shao & Wang, Sample Size Calculations in Clinical
 * Research, §4.2). Rounded up.
 */
export function fixedHorizonSampleSize(input: FixedHorizonInput): number {
  const { baseline, treatment, candidateShare: r, alpha, power } = input;
  const delta = treatment - baseline;
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  const spread = (treatment * (1 - treatment)) / r + (baseline * (1 - baseline)) / (1 - r);
  return Math.ceil((z * z * spread) / (delta * delta));
}
