/**
 * The shape of a run record (`<runsDir>/<id>.json`) and its validation. Records
 * are plain JSON so the CLI, a notebook or `jq` can read them without this code.
 */
import { z } from 'zod';
import { TrackingError, TrackingErrorCode } from './errors';

/** What kind of pipeline run a record describes. */
export const RunKind = {
  Retrain: 'retrain',
  Evaluation: 'evaluation',
  Drift: 'drift',
  /** A hyper-parameter study; its trials are `trial` runs with `parentId` set to it. */
  Study: 'study',
  Trial: 'trial',
  /** A production-monitoring period (drift, estimated and realized performance, alerts). */
  Monitoring: 'monitoring',
} as const;
export type RunKind = (typeof RunKind)[keyof typeof RunKind];

/** Where a run is in its life. */
export const RunStatus = {
  Running: 'running',
  Completed: 'completed',
  Failed: 'failed',
} as const;
export type RunStatus = (typeof RunStatus)[keyof typeof RunStatus];

/** A parameter value as MLflow and the CLI can show it. */
export type ParamValue = string | number | boolean;

/** Metrics of one training epoch, e.g. `{ epoch: 3, loss: 0.41, valRocAuc: 0.82 }`. */
export type EpochMetrics = { readonly epoch: number } & Readonly<Record<string, number>>;

/** One retrain, evaluation or drift run. */
export interface RunRecord {
  /** File-name-safe id, see {@link assertRunId}. */
  readonly id: string;
  readonly kind: RunKind;
  /** The run this one is part of (a study, for a trial). */
  readonly parentId?: string;
  /** The Temporal workflow id and run id that did the work. */
  readonly workflowId: string;
  readonly runId: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Final metrics of the run. */
  readonly metrics: Readonly<Record<string, number>>;
  /** Per-epoch training metrics, ordered by epoch (retrain runs only). */
  readonly epochMetrics?: readonly EpochMetrics[];
  /** md5 of the dataset snapshot the run read. */
  readonly datasetMd5?: string;
  /** The model version the run produced (retrain) or scored (evaluation, drift). */
  readonly modelVersion?: string;
  /** What the run concluded, e.g. `promoted`, `rejected`, `drift_detected`. */
  readonly decision?: string;
  /** Named artifact paths, e.g. `{ report: 'reports/eval_….html' }`. */
  readonly artifacts: Readonly<Record<string, string>>;
  /** ISO-8601 times. */
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly status: RunStatus;
}

const epochSchema = z.object({ epoch: z.number().int().nonnegative() }).catchall(z.number());

/** Validates a parsed record file; the TS interface above is the documented contract. */
export const runRecordSchema = z.object({
  id: z.string(),
  kind: z.enum(['retrain', 'evaluation', 'drift', 'study', 'trial', 'monitoring']),
  parentId: z.string().optional(),
  workflowId: z.string(),
  runId: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  metrics: z.record(z.string(), z.number()),
  epochMetrics: z.array(epochSchema).optional(),
  datasetMd5: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
  modelVersion: z.string().optional(),
  decision: z.string().optional(),
  artifacts: z.record(z.string(), z.string()),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().optional(),
  status: z.enum(['running', 'completed', 'failed']),
});

/** Letters, digits, `.`, `_`, `-`; no leading dot, at most 128 characters. */
const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Checks that a run id can be used as a file name: it becomes `<runsDir>/<id>.json`,
 * so `../x` or `a/b` must never get through.
 *
 * @throws TrackingError INVALID_RUN_ID
 */
export function assertRunId(id: string): void {
  if (!RUN_ID_PATTERN.test(id)) {
    throw new TrackingError(
      TrackingErrorCode.InvalidRunId,
      `"${id}" is not a run id (letters, digits, ".", "_", "-"; must not start with "."; at most 128 characters)`,
      id,
    );
  }
}

/**
 * A new run id that sorts by start time: `<kind>-<yyyymmdd>-<hhmmss>-<8 hex>`,
 * e.g. `retrain-20261128-133600-3f2a9c1d`.
 *
 * @param suffix - 8 hex digits that make the id unique; pass something derived
 *   from the workflow run id when the id must be the same on an activity retry
 */
export function newRunId(kind: RunKind, startedAt: Date, suffix: string): string {
  const iso = startedAt.toISOString();
  const id = `${kind}-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}-${suffix}`;
  assertRunId(id);
  return id;
}

/**
 * Parses and validates a record file's text.
 *
 * @throws TrackingError INVALID_RECORD naming the file and the first problem
 */
export function parseRunRecord(text: string, file: string): RunRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TrackingError(TrackingErrorCode.InvalidRecord, `${file} is not JSON`, file);
  }
  const parsed = runRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TrackingError(
      TrackingErrorCode.InvalidRecord,
      `${file} is not a run record: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
      file,
    );
  }
  return parsed.data;
}
