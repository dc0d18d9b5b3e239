import { binnedShares, type BinningInput } from './binning';

/**
 * Population Stability Index, Σ (rᵢ − cᵢ)·ln(rᵢ / cᵢ), as Evidently's `_psi`
 * sums it. The shares are used as given (no renormalisation); a zero share
 * makes a term infinite, which is why {@link psiDrift} fills empty bins first.
 *
 * @param reference - share of reference rows per bin
 * @param current - share of current rows per bin, same length
 * @throws RangeError when the lengths differ
 */
export function populationStabilityIndex(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  if (reference.length !== current.length) {
    throw new RangeError(
      `populationStabilityIndex: reference has ${reference.length} bins, current has ${current.length}`,
    );
  }
  let psi = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i]!;
    const c = current[i]!;
    psi += (r - c) * Math.log(r / c);
  }
  return psi;
}

/**
 * Evidently's `psi` drift score: PSI of the binned shares
 * ({@link binnedShares} with empty bins filled, `feel_zeroes=True`). Drift
 * when the score is ≥ the threshold (default 0.1). Never chosen by default:
 * pass it as a method override.
 */
export function psiDrift(input: BinningInput): number {
  const { reference, current } = binnedShares(input, true);
  return populationStabilityIndex(reference, current);
}
