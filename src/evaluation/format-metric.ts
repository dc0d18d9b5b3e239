/** Decimals shown in decisions: metrics are reported in thousandths. */
const DECIMALS = 3;
/** Most decimals used to tell two close values apart. */
const MAX_DECIMALS = 6;

/** A metric value for a sentence: `0.842`, or `undefined` for a null metric. */
export function formatMetric(value: number | null, decimals = DECIMALS): string {
  return value === null ? 'undefined' : value.toFixed(decimals);
}

/** A signed change: `+0.041`, `-0.011`; a change that rounds to zero prints as `+0.000`. */
export function formatDelta(delta: number, decimals = DECIMALS): string {
  const text = Math.abs(delta).toFixed(decimals);
  return `${delta < 0 && Number(text) !== 0 ? '-' : '+'}${text}`;
}

/**
 * Decimals needed so that two different values do not print the same: 3
 * normally, more (up to 6) when, say, 0.6996 would otherwise read
 * "0.700 < 0.700". Values within `tolerance` of each other count as equal
 * (a comparison treated them as a tie, so they should read as one).
 */
export function decimalsToDistinguish(a: number, b: number, tolerance = 0): number {
  if (Math.abs(a - b) <= tolerance) return DECIMALS;
  let decimals = DECIMALS;
  while (decimals < MAX_DECIMALS && a.toFixed(decimals) === b.toFixed(decimals)) decimals++;
  return decimals;
}
