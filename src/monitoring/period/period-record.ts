/**
 * One monitoring period's record (`reports/monitoring/periods/<start>.json`):
 * what production did in a period (volume, latency), how its inputs compared
 * with its training data (drift), how well it is estimated to have done
 * (CBPE) and how well it did where outcomes arrived (realized), and which
 * alerts fired. The dashboard is drawn from these records; the run store gets
 * a flat summary of each.
 *
 * Plain JSON: a NaN or infinite number is written as `null`.
 */
import { z } from 'zod';
import type { ClassificationMetrics } from '../../metrics';
import type { CbpeMetric } from '../cbpe';
import type { DegradationVerdict } from '../performance';

/** The file format version. */
export const PERIOD_RECORD_FORMAT = 1;

/** An estimate with its band, as stored. */
export interface StoredEstimate {
  readonly value: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly lowerThreshold: number | null;
  readonly upperThreshold: number | null;
  readonly alert: boolean;
}

/** The drift part of a period. */
export interface PeriodDrift {
  /** `checked`; `not_enough_traffic` below the row threshold; `no_production` without a model. */
  readonly status: 'checked' | 'not_enough_traffic' | 'no_production';
  /** Rows compared (production's predictions of the window). */
  readonly rows: number;
  readonly minRows: number;
  readonly share: number | null;
  readonly thresholdShare: number | null;
  readonly datasetDrift: boolean;
  readonly driftedColumns: readonly string[];
  readonly topColumns: ReadonlyArray<{ column: string; method: string; score: number; threshold: number }>;
  readonly reportPath: string | null;
}

/** The CBPE part of a period. */
export interface PeriodEstimate {
  readonly status: 'estimated' | 'not_enough_traffic' | 'no_reference';
  readonly rows: number;
  readonly calibrated: boolean | null;
  readonly metrics: Partial<Record<CbpeMetric, StoredEstimate>>;
}

/** The realized part of a period. */
export interface PeriodRealized {
  /** Predictions of the period with an outcome when the record was written. */
  readonly count: number;
  /** Predictions of the period still without one. */
  readonly awaiting: number;
  readonly metrics: ClassificationMetrics | null;
}

/** An alert the period raised (or would have, but it was already announced). */
export interface PeriodAlert {
  readonly kind: 'drift' | 'performance';
  /** The webhook was called. */
  readonly sent: boolean;
  readonly reason: string;
}

/** One period. */
export interface MonitoringPeriodRecord {
  readonly formatVersion: typeof PERIOD_RECORD_FORMAT;
  readonly model: string;
  /** `[start, end)`, ISO. */
  readonly period: { readonly start: string; readonly end: string };
  readonly generatedAt: string;
  /** Production at the end of the period. */
  readonly productionVersion: string | null;
  /** Versions that served predictions in the period, with how many. */
  readonly versions: ReadonlyArray<{ readonly version: string; readonly predictions: number }>;
  /** Production switches within the period (promotions, rollbacks). */
  readonly versionChanges: ReadonlyArray<{
    readonly at: string;
    readonly from: string | null;
    readonly to: string;
  }>;
  readonly traffic: {
    readonly predictions: number;
    /** Request latency over the period, from the serving metrics; null when not scraped. */
    readonly latencyMs: { readonly p50: number; readonly p99: number; readonly requests: number } | null;
  };
  readonly drift: PeriodDrift;
  readonly estimated: PeriodEstimate;
  readonly realized: PeriodRealized;
  /** Production's metrics at promotion. */
  readonly baseline: ClassificationMetrics | null;
  readonly degradation: DegradationVerdict;
  readonly alerts: readonly PeriodAlert[];
}

/** Replaces non-finite numbers by null, so the record is valid JSON that round-trips. */
export function finiteOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}

// Only what the dashboard relies on is checked on reading; the rest is carried along.
const storedEstimate = z.object({
  value: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  lowerThreshold: z.number().nullable(),
  upperThreshold: z.number().nullable(),
  alert: z.boolean(),
});

/** Validates a period record read back from disk. */
export const periodRecordSchema = z
  .object({
    formatVersion: z.literal(PERIOD_RECORD_FORMAT),
    model: z.string(),
    period: z.object({ start: z.iso.datetime(), end: z.iso.datetime() }),
    generatedAt: z.iso.datetime(),
    productionVersion: z.string().nullable(),
    versions: z.array(z.object({ version: z.string(), predictions: z.number() })),
    versionChanges: z.array(z.object({ at: z.iso.datetime(), from: z.string().nullable(), to: z.string() })),
    traffic: z.object({
      predictions: z.number(),
      latencyMs: z.object({ p50: z.number(), p99: z.number(), requests: z.number() }).nullable(),
    }),
    drift: z
      .object({
        status: z.enum(['checked', 'not_enough_traffic', 'no_production']),
        share: z.number().nullable(),
        thresholdShare: z.number().nullable(),
        datasetDrift: z.boolean(),
        topColumns: z.array(
          z.object({ column: z.string(), method: z.string(), score: z.number(), threshold: z.number() }),
        ),
      })
      .passthrough(),
    estimated: z
      .object({
        status: z.enum(['estimated', 'not_enough_traffic', 'no_reference']),
        metrics: z.record(z.string(), storedEstimate),
      })
      .passthrough(),
    realized: z.object({
      count: z.number(),
      awaiting: z.number(),
      metrics: z.record(z.string(), z.unknown()).nullable(),
    }),
    baseline: z.record(z.string(), z.unknown()).nullable(),
    degradation: z.object({ status: z.string() }).passthrough(),
    alerts: z.array(
      z.object({ kind: z.enum(['drift', 'performance']), sent: z.boolean(), reason: z.string() }),
    ),
  })
  .passthrough();

/**
 * Parses a stored period record.
 *
 * @throws Error naming the file and the first problem
 */
export function parsePeriodRecord(text: string, file: string): MonitoringPeriodRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not JSON`);
  }
  const parsed = periodRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file} is not a monitoring period record: ${issue.path.join('.')} ${issue.message}`);
  }
  return parsed.data as unknown as MonitoringPeriodRecord;
}
