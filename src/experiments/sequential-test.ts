/**
 * One always-valid sequential test (mSPRT, see `msprt.ts`) on running sums:
 * the estimate and its variance from the arms' sums, a look after every batch,
 * the running p-value and confidence sequence, and the verdict.
 *
 * Three shapes of data, one test:
 * - two arms of 0/1 outcomes (match success rate; canary);
 * - two arms of a continuous metric (log loss per outcome; canary);
 * - paired differences (candidate's log loss minus production's on the same
 *   rows; both versions score every experiment request, so from shadow on).
 */
import { mixtureConfidenceHalfWidth, mixtureLogLikelihoodRatio, nextAlwaysValidPValue } from './msprt';
import { sumsMean, sumsVariance, type RunningSums } from './running-sums';

/** The effect estimate of one look: Δ̂ (candidate − production) and its variance. */
export interface EffectEstimate {
  readonly estimate: number;
  readonly variance: number;
}

/** Settings of one test. */
export interface SequentialTestSettings {
  /** Significance level: the chance of a wrong decision under H₀, however often it looks. */
  readonly alpha: number;
  /** Variance τ² of the normal mixing distribution, in squared effect units. */
  readonly tau2: number;
  /** Looks before each arm (or the pairs) has this many observations are skipped (plug-in variances need some data). */
  readonly minSamples: number;
}

/** Where a test is: JSON-safe, a handful of numbers. */
export interface SequentialTestState {
  /** Looks that counted (past the burn-in, with a positive variance). */
  readonly looks: number;
  /** The always-valid p-value: 1 until the first look. */
  readonly pValue: number;
  /** The confidence sequence (running intersection); null before the first look, i.e. (−∞, ∞). */
  readonly lower: number | null;
  readonly upper: number | null;
  /** The last look's estimate and variance. */
  readonly estimate: number | null;
  readonly variance: number | null;
  /** The look at which p first fell to α or below (the decision), if it did. */
  readonly rejectedAtLook: number | null;
}

/** A test before any look. */
export const INITIAL_TEST_STATE: SequentialTestState = {
  looks: 0,
  pValue: 1,
  lower: null,
  upper: null,
  estimate: null,
  variance: null,
  rejectedAtLook: null,
};

/**
 * Success-rate difference of two arms of 0/1 outcomes. The variance is
 * p̃(1 − p̃)/n per arm with p̃ = (successes + ½)/(n + 1): the plug-in of
 * Johari et al., kept off 0 so that an arm with no success yet (or only
 * successes) does not claim a zero variance.
 *
 * @returns undefined while an arm has fewer than `minSamples` outcomes
 */
export function proportionDifference(
  candidate: RunningSums,
  production: RunningSums,
  minSamples: number,
): EffectEstimate | undefined {
  if (candidate.n < Math.max(1, minSamples) || production.n < Math.max(1, minSamples)) return undefined;
  const smoothed = (s: RunningSums) => (s.sum + 0.5) / (s.n + 1);
  const pc = smoothed(candidate);
  const pp = smoothed(production);
  return {
    estimate: candidate.sum / candidate.n - production.sum / production.n,
    variance: (pc * (1 - pc)) / candidate.n + (pp * (1 - pp)) / production.n,
  };
}

/**
 * Mean difference of two arms of a continuous metric (Welch's variance,
 * s²_c/n_c + s²_p/n_p).
 *
 * @returns undefined while an arm has fewer than `minSamples` (at least 2) observations, or without spread
 */
export function meanDifference(
  candidate: RunningSums,
  production: RunningSums,
  minSamples: number,
): EffectEstimate | undefined {
  const min = Math.max(2, minSamples);
  if (candidate.n < min || production.n < min) return undefined;
  const variance = sumsVariance(candidate) / candidate.n + sumsVariance(production) / production.n;
  if (!(variance > 0)) return undefined;
  return { estimate: sumsMean(candidate) - sumsMean(production), variance };
}

/**
 * Mean of paired differences (candidate − production on the same rows), s²/n.
 *
 * @returns undefined below `minSamples` (at least 2) pairs, or without spread
 */
export function pairedMeanDifference(
  differences: RunningSums,
  minSamples: number,
): EffectEstimate | undefined {
  if (differences.n < Math.max(2, minSamples)) return undefined;
  const variance = sumsVariance(differences) / differences.n;
  if (!(variance > 0)) return undefined;
  return { estimate: sumsMean(differences), variance };
}

/**
 * Takes one look: updates the p-value (running minimum of 1/Λ) and the
 * confidence sequence (running intersection), and notes the first look at
 * which p ≤ α. Without an estimate (burn-in) the state is returned unchanged.
 */
export function lookSequentialTest(
  state: SequentialTestState,
  effect: EffectEstimate | undefined,
  settings: Pick<SequentialTestSettings, 'alpha' | 'tau2'>,
): SequentialTestState {
  if (effect === undefined || !(effect.variance > 0) || !Number.isFinite(effect.estimate)) return state;
  const { alpha, tau2 } = settings;
  const looks = state.looks + 1;
  const pValue = nextAlwaysValidPValue(
    state.pValue,
    mixtureLogLikelihoodRatio(effect.estimate, effect.variance, tau2),
  );
  const half = mixtureConfidenceHalfWidth(effect.variance, tau2, alpha);
  return {
    looks,
    pValue,
    lower: Math.max(state.lower ?? -Infinity, effect.estimate - half),
    upper: Math.min(state.upper ?? Infinity, effect.estimate + half),
    estimate: effect.estimate,
    variance: effect.variance,
    rejectedAtLook: state.rejectedAtLook ?? (pValue <= alpha ? looks : null),
  };
}

/** What a test says now. */
export type TestVerdict = 'continue' | 'candidate_better' | 'candidate_worse';

/**
 * The verdict of a test: once p ≤ α, the sign of the effect decides (at that
 * point the confidence sequence lies on one side of 0).
 *
 * @param higherIsBetter - true for success rates, false for losses
 */
export function testVerdict(state: SequentialTestState, alpha: number, higherIsBetter: boolean): TestVerdict {
  if (!(state.pValue <= alpha) || state.estimate === null) return 'continue';
  // The interval's side is the decision; the last estimate agrees with it except in pathological swings.
  const side =
    state.lower !== null && state.lower > 0
      ? 1
      : state.upper !== null && state.upper < 0
        ? -1
        : Math.sign(state.estimate);
  if (side === 0) return 'continue';
  return side > 0 === higherIsBetter ? 'candidate_better' : 'candidate_worse';
}
