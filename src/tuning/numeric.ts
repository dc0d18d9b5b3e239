/** Small numeric helpers with numpy's semantics, where the samplers must match Optuna's. */

/** numpy's `round`: halves go to the even neighbour (banker's rounding). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** numpy's `linspace(start, stop, num)`. */
export function linspace(start: number, stop: number, num: number): number[] {
  if (num <= 0) return [];
  if (num === 1) return [start];
  const step = (stop - start) / (num - 1);
  return Array.from({ length: num }, (_, i) => (i === num - 1 ? stop : start + i * step));
}

/** Index of the first largest value (numpy's `argmax`); NaN counts as largest, as in numpy. */
export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i]!)) return i;
    if (values[i]! > values[best]!) best = i;
  }
  return best;
}

/** numpy's `nanpercentile(values, p)` with the default linear interpolation; NaN when no value is a number. */
export function nanPercentile(values: readonly number[], p: number): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const fraction = index - lo;
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * fraction;
}

/** FNV-1a hash of a string, for per-parameter seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
