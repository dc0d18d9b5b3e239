/**
 * The truncated normal distribution as Optuna's TPE computes it
 * (`optuna/samplers/_tpe/_truncnorm.py`, itself taken from SciPy): log
 * probability mass of an interval, log density, and the quantile function used
 * to sample, all in log space so that bounds 50 standard deviations out do not
 * underflow. Arguments `a`, `b` are the bounds in standard units,
 * `(bound − loc) / scale`, as in `scipy.stats.truncnorm`.
 */
import { erf, erfc } from '../drift/normal-distribution';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const NDTRI_EXP_APPROX_C = Math.sqrt(3) / Math.PI;

/**
 * Φ(a) as optuna's `_ndtr_single` computes it, with the project's erf/erfc
 * (src/drift, pinned to scipy); no special-function package is a dependency.
 */
export function ndtr(a: number): number {
  const x = a * Math.SQRT1_2;
  if (x < -Math.SQRT1_2) return 0.5 * erfc(-x);
  if (x < Math.SQRT1_2) return 0.5 + 0.5 * erf(x);
  return 1 - 0.5 * erfc(x);
}

/** log(e^p + e^q) without overflow (numpy's `logaddexp`). */
export function logAddExp(p: number, q: number): number {
  if (p === -Infinity) return q;
  if (q === -Infinity) return p;
  const m = Math.max(p, q);
  return m + Math.log1p(Math.exp(-Math.abs(p - q)));
}

/** log(e^p − e^q) for p ≥ q. */
function logDiff(p: number, q: number): number {
  return p + Math.log1p(-Math.exp(q - p));
}

/**
 * log Φ(a): Φ directly where it is accurate, the asymptotic series below −20
 * (optuna's `_log_ndtr_single`).
 */
export function logNdtr(a: number): number {
  if (a > 6) return -ndtr(-a); // log(1 − x) ≈ −x for the tiny upper tail
  if (a > -20) return Math.log(ndtr(a));
  const logLhs = -0.5 * a * a - Math.log(-a) - LOG_SQRT_2PI;
  let lastTotal = 0;
  let rhs = 1;
  let numerator = 1;
  let denomFactor = 1;
  const denomCons = 1 / (a * a);
  let sign = 1;
  for (let i = 1; Math.abs(lastTotal - rhs) > Number.EPSILON; i++) {
    lastTotal = rhs;
    sign = -sign;
    denomFactor *= denomCons;
    numerator *= 2 * i - 1;
    rhs += sign * numerator * denomFactor;
  }
  return logLhs + Math.log(rhs);
}

/** log of the standard normal mass in [a, b] (optuna's `_log_gauss_mass`). */
export function logGaussMass(a: number, b: number): number {
  if (b <= 0) return logDiff(logNdtr(b), logNdtr(a));
  if (a > 0) return logDiff(logNdtr(-a), logNdtr(-b));
  // Central case: 1 − Φ(a) − Φ(−b) without the cancellation of log(Φ(b) − Φ(a)) near 1.
  return Math.log1p(-(0.5 + 0.5 * erf(a * Math.SQRT1_2)) - (0.5 + 0.5 * erf(-b * Math.SQRT1_2)));
}

/**
 * x with log Φ(x) = y, by Newton's method from an asymptotic or logistic
 * starting point (optuna's `_ndtri_exp`, relative tolerance 1e-8).
 */
export function ndtriExp(y: number): number {
  const flipped = y > -1e-2;
  const z = flipped ? Math.log(-Math.expm1(y)) : y;
  let x = z < -5 ? -Math.sqrt(-2 * (z + LOG_SQRT_2PI)) : -NDTRI_EXP_APPROX_C * Math.log(Math.expm1(-z));
  for (let i = 0; i < 100; i++) {
    const logNdtrX = logNdtr(x);
    const logPdfX = -0.5 * x * x - LOG_SQRT_2PI;
    const dx = (logNdtrX - z) * Math.exp(logNdtrX - logPdfX);
    x -= dx;
    if (Math.abs(dx) < 1e-8 * Math.abs(x)) break;
  }
  return flipped ? -x : x;
}

/**
 * Quantile q ∈ [0, 1] of the standard normal truncated to [a, b] (optuna's
 * `ppf`: works in the left tail, mirroring when a ≥ 0).
 */
export function truncatedNormalPpf(q: number, a: number, b: number): number {
  if (a === b) return Number.NaN;
  if (q === 0) return a;
  if (q === 1) return b;
  const logMass = logGaussMass(a, b);
  if (a < 0) return ndtriExp(logAddExp(logNdtr(a), Math.log(q) + logMass));
  return -ndtriExp(logAddExp(logNdtr(-b), Math.log1p(-q) + logMass));
}

/**
 * log density at x of N(loc, scale²) truncated to the standardised bounds
 * [a, b]; −∞ outside them (optuna's `logpdf`).
 */
export function truncatedNormalLogPdf(x: number, a: number, b: number, loc: number, scale: number): number {
  if (a === b) return Number.NaN;
  const z = (x - loc) / scale;
  if (z < a || z > b) return -Infinity;
  return -(z * z) / 2 - LOG_SQRT_2PI - logGaussMass(a, b) - Math.log(scale);
}
