/**
 * Survival function of the one-sided Kolmogorov–Smirnov statistic D⁺ₙ,
 * scipy's `special.smirnov(n, x)`. The two-sided distribution
 * ({@link kolmogorovSf}) uses it in its upper tail, where P(Dₙ ≥ x) = 2·P(D⁺ₙ ≥ x).
 *
 * A port of scipy's `_smirnov` (xsf `cephes/kolmogorov.h`, by Paul van
 * Mulbregt, arXiv:1802.06966) with one simplification: scipy keeps mantissas
 * in double-double arithmetic; here every term is built in log space from
 * exact pieces (an exact split of n·x, a binomial kept as mantissa × 2^e),
 * which keeps relative errors near 1e-12 for n up to 10⁵, far inside the
 * tests' 1e-9.
 */

/** Above this n, scipy switches to an asymptotic formula. */
const SMIRNOV_MAX_COMPUTE_N = 1_000_000;
/** Use the alternating upper sum only with at most this many terms… */
const SM_UPPER_MAX_TERMS = 3;
/** …and only from this n on. */
const SM_UPPERSUM_MIN_N = 10;
/** ln of the smallest subnormal double: e^x underflows to 0 below this. */
const MIN_LOG = -745.1332191019412;
/** Veltkamp's splitter 2²⁷ + 1, for exact products (Dekker 1971). */
const SPLITTER = 134217729;
const BINOMIAL_RESCALE = 2 ** 500;

function clamp01(p: number): number {
  return Math.min(Math.max(p, 0), 1);
}

/** The rounding error of the product a·b = p, so that a·b = p + error exactly (Dekker's TwoProduct). */
function productError(a: number, b: number, p: number): number {
  const ca = SPLITTER * a;
  const aHigh = ca - (ca - a);
  const aLow = a - aHigh;
  const cb = SPLITTER * b;
  const bHigh = cb - (cb - b);
  const bLow = b - bHigh;
  return aHigh * bHigh - p + aHigh * bLow + aLow * bHigh + aLow * bLow;
}

/**
 * floor(n·x) and its fractional part, computed from the exact product (xsf's
 * `modNX`). A fractional part that rounds to 1 is carried into the floor.
 */
export function splitProduct(n: number, x: number): { floor: number; fraction: number } {
  const p = n * x;
  const error = productError(n, x, p);
  let floor = Math.floor(p);
  let fraction = p - floor + error;
  if (fraction < 0) {
    floor -= 1;
    fraction += 1;
  }
  if (fraction >= 1) {
    floor += 1;
    fraction -= 1;
  }
  return { floor, fraction };
}

/**
 * P(D⁺ₙ ≥ x), the survival function of the one-sided KS statistic for a sample
 * of size n (Birnbaum & Tingey 1951; Smirnov 1944):
 *
 *   P(D⁺ₙ ≥ x) = x · Σ_{v=0}^{⌊n(1−x)⌋} C(n,v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v)
 *
 * summed over the lower terms, or as 1 − (the few alternating upper terms)
 * when that is both short and accurate, exactly where scipy chooses so.
 *
 * @param n - sample size, a positive integer
 * @param x - the statistic, in [0, 1]
 * @returns the probability, or NaN when n or x is out of range
 */
export function smirnovSf(n: number, x: number): number {
  if (!(Number.isInteger(n) && n > 0 && x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;

  const { floor: nxFloor, fraction: alpha } = splitProduct(n, x);
  let lowerLast = n - nxFloor - (alpha === 0 ? 0 : 1);
  let upperFirst = n - nxFloor;
  // With x·n an integer the boundary term is 0: leave it out of both sums.
  if (alpha === 0) {
    lowerLast -= 1;
    upperFirst += 1;
  }

  // x ≤ 1/n: cdf = x (1+x)^(n−1).
  if (nxFloor === 0 || (nxFloor === 1 && alpha === 0)) {
    return clamp01(1 - x * Math.exp((n - 1) * Math.log1p(x)));
  }
  if (-2 * n * x * x < MIN_LOG) return 0;
  // x ≥ 1 − 1/n: sf = (1−x)^n (1 − x is exact here, by Sterbenz's lemma).
  if (nxFloor >= n - 1) return clamp01(Math.pow(1 - x, n));
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    // scipy: p ~ e^(−(6nx+1)² / 18n), keeping precision in the small tail.
    const logP = -Math.pow(6 * n * x + 1, 2) / 18 / n;
    return clamp01(logP < -Math.LN2 ? Math.exp(logP) : 1 + Math.expm1(logP));
  }

  const upperTerms = n - upperFirst + 1;
  const useUpperSum =
    (upperTerms <= 1 && x < 0.5) ||
    (n >= SM_UPPERSUM_MIN_N && upperTerms <= SM_UPPER_MAX_TERMS && x <= 0.5 / Math.sqrt(n));

  const start = useUpperSum ? n : 0;
  const step = useUpperSum ? -1 : 1;
  const nTerms = useUpperSum ? upperTerms : lowerLast + 1;
  const middle = Math.floor(n / 2);

  // The first term: v = n gives (1+x)^(n−1); v = 0 gives (1−x)^n / x.
  let sum = useUpperSum ? Math.exp((n - 1) * Math.log1p(x)) : Math.exp(n * Math.log1p(-x)) / x;
  // C(n, j) as mantissa · 2^exponent; C(n, 1) = n before the loop, like scipy's updateBinomial(…, 0).
  let binomialMantissa = n;
  let binomialExponent = 0;
  for (let j = 1; j < nTerms; j++) {
    const v = start + j * step;
    // x + v/n and 1 − x − v/n from the exact split of n·x: no cancellation.
    const t1 = (nxFloor + v + alpha) / n;
    const t2 = (n - v - nxFloor - alpha) / n;
    const logMagnitude =
      Math.log(binomialMantissa) +
      binomialExponent * Math.LN2 +
      (v - 1) * Math.log(t1) +
      (n - v) * Math.log(Math.abs(t2));
    const sign = t2 < 0 && (n - v) % 2 === 1 ? -1 : 1;
    const term = sign * Math.exp(logMagnitude);
    if (Number.isFinite(term) && term !== 0) sum += term;
    // scipy's early exit: the remaining terms cannot move the sum.
    if (term !== 0) {
      if (4 * (nTerms - j) * Math.abs(term) < Number.EPSILON * sum && j !== nTerms - 1) break;
    } else if (j > middle) {
      break;
    }
    binomialMantissa *= (n - j) / (j + 1);
    // Keep the mantissa near 1 both ways: C(n, j) first grows, then shrinks past j = n/2.
    while (binomialMantissa > BINOMIAL_RESCALE) {
      binomialMantissa /= BINOMIAL_RESCALE;
      binomialExponent += 500;
    }
    while (binomialMantissa < 1 / BINOMIAL_RESCALE) {
      binomialMantissa *= BINOMIAL_RESCALE;
      binomialExponent -= 500;
    }
  }
  const probability = x * sum;
  return clamp01(useUpperSum ? 1 - probability : probability);
}
