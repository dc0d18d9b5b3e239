/** Standardisation helpers shared by fit and transform. */
import type { ScaleTransform } from './preprocessor-state';

/**
 * Applies `transform` in place.
 *
 * @throws Error naming the feature when a value leaves the transform's domain (log1p of < -1)
 */
export function applyScaleTransform(values: Float64Array, transform: ScaleTransform, feature: string): void {
  if (transform === 'identity') return;
  for (let k = 0; k < values.length; k++) {
    const v = Math.log1p(values[k]!);
    if (!Number.isFinite(v)) throw new Error(`feature "${feature}": log1p is undefined for ${values[k]}`);
    values[k] = v;
  }
}

/**
 * Mean and population standard deviation (ddof = 0, as scikit-learn's
 * StandardScaler), two-pass in float64 for accuracy. A constant feature gets
 * std 1 so that it scales to 0 instead of dividing by zero.
 */
export function meanAndStd(values: Float64Array): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) throw new Error('meanAndStd: no values');
  let sum = 0;
  for (let k = 0; k < n; k++) sum += values[k]!;
  const mean = sum / n;
  let squares = 0;
  for (let k = 0; k < n; k++) {
    const d = values[k]! - mean;
    squares += d * d;
  }
  const std = Math.sqrt(squares / n);
  // Relative threshold: float64 rounding can leave ~1e-17 for a constant column.
  return { mean, std: std > 1e-12 * Math.max(1, Math.abs(mean)) ? std : 1 };
}
