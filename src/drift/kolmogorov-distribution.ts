import { HALF_LOG_TWO_PI, STIRLING_COEFFICIENTS, polyval } from './gamma-function';
import { clamp01, durbinMatrixCdf, pelzGoodCdf, pomeranzCdf } from './kolmogorov-cdf';
import { smirnovSf } from './smirnov-distribution';

/**
 * Survival function of the two-sided one-sample Kolmogorov–Smirnov statistic
 * Dₙ, scipy's `stats.kstwo.sf(x, n)`. scipy's `ks_2samp` uses it for its
 * asymptotic p-value, with n = round(m·n / (m + n)).
 *
 * A port of scipy's `stats/_ksstats.py` (`_kolmogn` with `cdf=False`), which
 * follows Simard & L'Ecuyer (2011), "Computing the Two-Sided
 * Kolmogorov–Smirnov Distribution", J. Stat. Softw. 39(11): the same regions,
 * the same cut-offs and the same algorithms (Ruben–Gambino closed forms,
 * Durbin's matrix as in Marsaglia–Tsang–Wang 2003, Pomeranz 1974, Pelz–Good
 * 1976, and 2·Smirnov in the upper tail).
 */

/** ln(n! / nⁿ) by Stirling's series with n·ln n removed up front (scipy's `_log_nfactorial_div_n_pow_n`). */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  return Math.log(n) / 2 - n + HALF_LOG_TWO_PI + rn * polyval(STIRLING_COEFFICIENTS, rn / n);
}

/**
 * P(Dₙ ≥ x) for the two-sided one-sample KS statistic with sample size n,
 * scipy's `kstwo.sf(x, n)`.
 *
 * @param n - sample size, a positive integer
 * @param x - the statistic
 * @returns the probability in [0, 1], or NaN when n is not a positive integer or x is NaN
 */
export function kolmogorovSf(n: number, x: number): number {
  if (!(Number.isInteger(n) && n > 0) || Number.isNaN(x)) return NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    // Ruben–Gambino: for 1/(2n) ≤ x ≤ 1/n, cdf = n!/nⁿ (2t − 1)ⁿ.
    if (t <= 0.5) return 1;
    let cdf: number;
    if (n <= 140) {
      cdf = 1;
      const inverse = 1 / n;
      for (let i = 1; i <= n; i++) cdf *= i * inverse * (2 * t - 1);
    } else {
      cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clamp01(1 - cdf);
  }
  // Ruben–Gambino: for x ≥ 1 − 1/n, sf = 2 (1 − x)ⁿ.
  if (t >= n - 1) return clamp01(2 * (1 - x) ** n);
  if (x >= 0.5) return clamp01(2 * smirnovSf(n, x));

  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 0.754693) return clamp01(1 - durbinMatrixCdf(n, x));
    if (nxSquared <= 4) return clamp01(1 - pomeranzCdf(n, x));
    return clamp01(2 * smirnovSf(n, x));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clamp01(2 * smirnovSf(n, x));
  const cdf = n <= 100_000 && n * x ** 1.5 <= 1.4 ? durbinMatrixCdf(n, x) : pelzGoodCdf(n, x);
  return clamp01(1 - cdf);
}
