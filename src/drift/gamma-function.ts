/**
 * The log-gamma function and the regularized incomplete gamma functions, the
 * building blocks of the chi-squared survival function and the normal CDF.
 *
 * Written here rather than taken from a package because the project has no
 * special-function dependency; `@stdlib/math-base-special-gammaln` and
 * `@stdlib/math-base-special-gammainc` would be drop-in replacements. The tests
 * compare with scipy's `gammaln`, `gammainc` and `gammaincc`.
 */

/**
 * Stirling-series coefficients B₂ₖ / (2k(2k−1)) for k = 8 … 1, highest power
 * first (Abramowitz & Stegun 6.1.40 with the Bernoulli numbers B₂ … B₁₆). The
 * same list, in the same order, is scipy's `_ksstats._STIRLING_COEFFS`.
 */
export const STIRLING_COEFFICIENTS: readonly number[] = [
  -3617 / 122400,
  7 / 1092,
  -691 / 360360,
  1 / 1188,
  -1 / 1680,
  1 / 1260,
  -1 / 360,
  1 / 12,
];

/** ½·ln(2π). */
export const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** Below this the Stirling series is not used directly: the argument is shifted up first. */
const STIRLING_MIN_ARGUMENT = 15;
/** Relative size of the last term at which the series and continued fraction stop. */
const EPSILON = Number.EPSILON;
/** Guard against division by zero in Lentz's algorithm (Numerical Recipes §5.2). */
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/** Evaluates Σ cᵢ·x^(n−1−i) by Horner's rule, highest power first (numpy's `polyval`). */
export function polyval(coefficients: readonly number[], x: number): number {
  let result = 0;
  for (const c of coefficients) result = result * x + c;
  return result;
}

/**
 * ln Γ(x) for x > 0.
 *
 * Stirling's series with eight Bernoulli terms (A&S 6.1.40) at z ≥ 15, whose
 * truncation error there is below 1e-20; smaller arguments are shifted up with
 * Γ(x) = Γ(x + k) / (x(x+1)…(x+k−1)). Absolute error is a few 1e-15.
 *
 * @returns NaN for x ≤ 0 or NaN, Infinity for x = Infinity
 */
export function logGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x === Infinity) return Infinity;
  let z = x;
  let product = 1;
  while (z < STIRLING_MIN_ARGUMENT) {
    product *= z;
    z += 1;
  }
  const inverse = 1 / z;
  const series = inverse * polyval(STIRLING_COEFFICIENTS, inverse * inverse);
  return (z - 0.5) * Math.log(z) - z + HALF_LOG_TWO_PI + series - Math.log(product);
}

/** x^a·e^(−x) / Γ(a), the factor in front of both the series and the continued fraction. */
function gammaPrefactor(a: number, x: number): number {
  return Math.exp(a * Math.log(x) - x - logGamma(a));
}

/**
 * P(a, x) by its power series, Numerical Recipes (3rd ed.) eq. 6.2.5:
 * P = x^a e^(−x) / Γ(a+1) · Σₙ xⁿ / ((a+1)…(a+n)). Converges fast for x < a + 1.
 */
function lowerSeries(a: number, x: number): number {
  let denominator = a;
  let term = 1 / a;
  let sum = term;
  for (let n = 0; n < MAX_ITERATIONS; n++) {
    denominator += 1;
    term *= x / denominator;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * gammaPrefactor(a, x);
}

/**
 * Q(a, x) by its continued fraction, evaluated with the modified Lentz method,
 * Numerical Recipes (3rd ed.) eq. 6.2.7 and §5.2. Converges fast for x > a + 1.
 */
function upperContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return gammaPrefactor(a, x) * h;
}

function invalidGammaArguments(a: number, x: number): boolean {
  return !(a > 0) || !(x >= 0) || a === Infinity;
}

/**
 * The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a),
 * scipy's `gammainc(a, x)`.
 *
 * @returns NaN when a ≤ 0, a is infinite, x < 0 or either is NaN
 */
export function regularizedGammaP(a: number, x: number): number {
  if (invalidGammaArguments(a, x)) return NaN;
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? lowerSeries(a, x) : 1 - upperContinuedFraction(a, x);
}

/**
 * The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a) =
 * 1 − P(a, x), scipy's `gammaincc(a, x)`. Computed directly (not as 1 − P) in
 * the upper tail so small values keep their relative precision.
 *
 * @returns NaN when a ≤ 0, a is infinite, x < 0 or either is NaN
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (invalidGammaArguments(a, x)) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - lowerSeries(a, x) : upperContinuedFraction(a, x);
}
