/**
 * Predicted probabilities as counts in fixed bins on [0, 1]: what the score
 * guardrail compares between the candidate and production. Fixed edges (not
 * Evidently's data-dependent Sturges edges) so that counts from different
 * batches add up; ten bins is what Sturges' rule gives for the ~500–1,000
 * rows a guardrail window holds.
 */

/** Number of equal-width bins on [0, 1]. */
export const SCORE_BINS = 10;

/** Counts per bin, {@link SCORE_BINS} of them. */
export type ScoreHistogram = readonly number[];

/** A histogram with no scores. */
export function emptyScoreHistogram(): number[] {
  return new Array<number>(SCORE_BINS).fill(0);
}

/** The bin of a probability (1 goes to the last bin; NaN to none). */
export function scoreBin(probability: number): number | undefined {
  if (!(probability >= 0 && probability <= 1)) return undefined;
  return Math.min(SCORE_BINS - 1, Math.floor(probability * SCORE_BINS));
}

/** Adds one probability to `counts` in place. */
export function addScore(counts: number[], probability: number): void {
  const bin = scoreBin(probability);
  if (bin !== undefined) counts[bin] = (counts[bin] ?? 0) + 1;
}

/** Bin-wise sum of two histograms. */
export function addHistograms(a: readonly number[], b: readonly number[]): number[] {
  return a.map((count, i) => count + (b[i] ?? 0));
}

/** Total count of a histogram. */
export function histogramTotal(counts: readonly number[]): number {
  return counts.reduce((sum, count) => sum + count, 0);
}
