import { regularizedGammaP, regularizedGammaQ } from './gamma-function';

/**
 * The error function, erf(x) = sign(x)·P(½, x²) (A&S 7.1.1 with 6.5.16).
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const p = regularizedGammaP(0.5, x * x);
  return x < 0 ? -p : p;
}

/**
 * The complementary error function, erfc(x) = Q(½, x²) for x ≥ 0 and
 * 2 − erfc(−x) below; keeps its relative precision far into the upper tail.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const q = regularizedGammaQ(0.5, x * x);
  return x < 0 ? 2 - q : q;
}

/**
 * Standard normal CDF Φ(z), equal to scipy's `norm.cdf` / `special.ndtr`.
 *
 * Follows Cephes `ndtr` (which scipy uses) step for step, so that callers that
 * compute `1 − Φ(z)` get the same rounding as Evidently does: with
 * x = z/√2, Φ = ½ + ½·erf(x) when |x| < 1, else ½·erfc(|x|), reflected as
 * 1 − ½·erfc(|x|) for x > 0.
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const x = z * Math.SQRT1_2;
  const absX = Math.abs(x);
  if (absX < 1) return 0.5 + 0.5 * erf(x);
  const tail = 0.5 * erfc(absX);
  return x > 0 ? 1 - tail : tail;
}
