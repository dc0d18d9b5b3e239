/**
 * Scoring latencies as counts in fixed, log-spaced buckets, so the guardrail
 * can take a p99 over several batches from running counts alone. The
 * quantile is read as Prometheus's `histogram_quantile` reads a histogram:
 * linear interpolation inside the bucket that holds the rank.
 */

/**
 * Upper bounds of the buckets in milliseconds: 0.05 ms × 1.25ᵏ up to about
 * 13 s (57 buckets), then +Infinity. A quantile read from them is off by at
 * most one bucket's width, 25 %.
 */
export const LATENCY_BUCKET_BOUNDS_MS: readonly number[] = [
  ...Array.from({ length: 57 }, (_, k) => 0.05 * 1.25 ** k),
  Infinity,
];

/** Counts per bucket of {@link LATENCY_BUCKET_BOUNDS_MS}. */
export type LatencyHistogram = readonly number[];

/** A histogram with no observations. */
export function emptyLatencyHistogram(): number[] {
  return new Array<number>(LATENCY_BUCKET_BOUNDS_MS.length).fill(0);
}

/** Adds one latency (ms) to `counts` in place; negative or NaN values are ignored. */
export function addLatency(counts: number[], ms: number): void {
  if (!(ms >= 0)) return;
  let bucket = LATENCY_BUCKET_BOUNDS_MS.findIndex((bound) => ms <= bound);
  if (bucket < 0) bucket = LATENCY_BUCKET_BOUNDS_MS.length - 1;
  counts[bucket] = (counts[bucket] ?? 0) + 1;
}

/**
 * The q-quantile of the latencies in a histogram (ms), or null without any.
 * A rank in the +Infinity bucket reads as the largest finite bound.
 *
 * @param q - in [0, 1], e.g. 0.99
 */
export function latencyQuantile(counts: readonly number[], q: number): number | null {
  const total = counts.reduce((sum, c) => sum + c, 0);
  if (total === 0) return null;
  const rank = q * total;
  let below = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i] ?? 0;
    if (count > 0 && below + count >= rank) {
      const upper = LATENCY_BUCKET_BOUNDS_MS[i]!;
      if (upper === Infinity) return LATENCY_BUCKET_BOUNDS_MS[i - 1]!;
      const lower = i === 0 ? 0 : LATENCY_BUCKET_BOUNDS_MS[i - 1]!;
      return lower + (upper - lower) * ((rank - below) / count);
    }
    below += count;
  }
  return LATENCY_BUCKET_BOUNDS_MS[LATENCY_BUCKET_BOUNDS_MS.length - 2]!;
}
