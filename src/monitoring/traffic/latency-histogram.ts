/**
 * Request latency of a period from the serving process's Prometheus metrics:
 * the cumulative request-duration histogram is scraped at the end of each
 * period and kept in the period's record, and the period's latency is the
 * difference from the previous scrape, summarised as Prometheus's
 * `histogram_quantile` would (linear interpolation inside the bucket). A
 * server restart resets the counters; then the new scrape alone is the period.
 */
import { parsePrometheusSamples } from './prometheus-text';

/** The serving side's request-duration histogram. */
export const REQUEST_DURATION_METRIC = 'legalaid_serving_request_duration_seconds';

/** A cumulative histogram at one moment: upper bounds ascending (the last is +Infinity). */
export interface HistogramSnapshot {
  readonly upperBounds: readonly number[];
  /** Cumulative counts, one per upper bound. */
  readonly counts: readonly number[];
}

/** A period's latency summary. */
export interface LatencySummary {
  readonly requests: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/**
 * Reads one histogram from a metrics page, summed over the series whose
 * labels `include` accepts (e.g. the prediction routes only).
 *
 * @returns undefined when the page has no such histogram
 */
export function readHistogram(
  metricsText: string,
  name = REQUEST_DURATION_METRIC,
  include: (labels: Readonly<Record<string, string>>) => boolean = () => true,
): HistogramSnapshot | undefined {
  const bucket = `${name}_bucket`;
  const totals = new Map<number, number>();
  for (const sample of parsePrometheusSamples(metricsText, (n) => n === bucket)) {
    const { le, ...labels } = sample.labels;
    if (le === undefined || !include(labels)) continue;
    const bound = le === '+Inf' ? Infinity : Number(le);
    totals.set(bound, (totals.get(bound) ?? 0) + sample.value);
  }
  if (totals.size === 0) return undefined;
  const upperBounds = [...totals.keys()].sort((a, b) => a - b);
  return { upperBounds, counts: upperBounds.map((b) => totals.get(b)!) };
}

/**
 * What was observed between two snapshots: `current − previous`, or `current`
 * alone when a counter went down (the server restarted) or the buckets differ.
 */
export function histogramDelta(
  previous: HistogramSnapshot | undefined,
  current: HistogramSnapshot,
): HistogramSnapshot {
  if (!previous || previous.upperBounds.join() !== current.upperBounds.join()) return current;
  const counts = current.counts.map((c, i) => c - previous.counts[i]!);
  return counts.some((c) => c < 0) ? current : { upperBounds: current.upperBounds, counts };
}

/**
 * The q-quantile of a cumulative histogram, as Prometheus's
 * `histogram_quantile`: find the bucket holding rank q·total and interpolate
 * linearly between its bounds (the first bucket starts at 0); a rank in the
 * +Inf bucket gives the largest finite bound. NaN for an empty histogram.
 */
export function histogramQuantile(q: number, histogram: HistogramSnapshot): number {
  const { upperBounds, counts } = histogram;
  const total = counts.at(-1) ?? 0;
  if (total === 0) return NaN;
  const rank = q * total;
  const b = counts.findIndex((c) => c >= rank);
  if (upperBounds[b] === Infinity) return upperBounds[upperBounds.length - 2] ?? NaN;
  const lower = b === 0 ? 0 : upperBounds[b - 1]!;
  const below = b === 0 ? 0 : counts[b - 1]!;
  const inBucket = counts[b]! - below;
  return lower + (upperBounds[b]! - lower) * ((rank - below) / inBucket);
}

/** p50 and p99 in milliseconds over what a histogram of seconds observed; undefined when it observed nothing. */
export function summariseLatency(histogram: HistogramSnapshot): LatencySummary | undefined {
  const requests = histogram.counts.at(-1) ?? 0;
  if (requests === 0) return undefined;
  return {
    requests,
    p50Ms: histogramQuantile(0.5, histogram) * 1000,
    p99Ms: histogramQuantile(0.99, histogram) * 1000,
  };
}
