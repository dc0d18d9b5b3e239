/**
 * How a run record looks in MLflow: pure mapping, no I/O. Params become
 * strings; final metrics are logged at step 0 (or after the last epoch when a
 * per-epoch series has the same name), per-epoch training metrics as a history
 * with `step` = epoch; tags carry the record's identity and outcome.
 */
import type { RunRecord } from '../run-record';
import type { KeyValue, MetricInput, MlflowRunStatus } from './client';

/** The tag that ties an MLflow run to its local run record; the mirror finds runs by it. */
export const RECORD_ID_TAG = 'legalaid.run_record_id';

/** The tag naming the parent's run record (a trial's study), so the parent's sync finds its children. */
export const PARENT_RECORD_ID_TAG = 'legalaid.parent_record_id';
/** MLflow's own tag that nests a run under its parent in the UI (what `mlflow.start_run(nested=True)` sets). */
export const MLFLOW_PARENT_RUN_ID_TAG = 'mlflow.parentRunId';

/** Tag keys the mirror writes (besides {@link RECORD_ID_TAG} and MLflow's own). */
export const RunTag = {
  Kind: 'legalaid.kind',
  WorkflowId: 'legalaid.temporal_workflow_id',
  TemporalRunId: 'legalaid.temporal_run_id',
  DatasetMd5: 'legalaid.dataset_md5',
  ModelVersion: 'legalaid.model_version',
  Decision: 'legalaid.decision',
  Status: 'legalaid.status',
  /** Prefix of one tag per recorded artifact: `legalaid.artifact.report` = `reports/drift/…html`. */
  ArtifactPrefix: 'legalaid.artifact.',
} as const;

/** Everything the mirror writes for one record. */
export interface RunPayload {
  readonly runName: string;
  readonly startTime: number;
  readonly endTime?: number;
  readonly status: MlflowRunStatus;
  readonly params: readonly KeyValue[];
  readonly metrics: readonly MetricInput[];
  readonly tags: readonly KeyValue[];
}

const STATUS: Record<RunRecord['status'], MlflowRunStatus> = {
  running: 'RUNNING',
  completed: 'FINISHED',
  failed: 'FAILED',
};

/** Maps a run record to MLflow params, metrics, tags, status and times. */
export function runPayload(record: RunRecord): RunPayload {
  const startTime = Date.parse(record.startedAt);
  const endTime = record.endedAt ? Date.parse(record.endedAt) : undefined;

  const epochs = record.epochMetrics ?? [];
  const history: MetricInput[] = epochs.flatMap(({ epoch, ...values }) =>
    Object.entries(values)
      .filter(([, value]) => Number.isFinite(value))
      .map(([key, value]) => ({ key, value, step: epoch, timestamp: startTime })),
  );
  const historyKeys = new Set(history.map((metric) => metric.key));
  const afterLastEpoch = epochs.length > 0 ? Math.max(...epochs.map((e) => e.epoch)) + 1 : 0;
  const finals: MetricInput[] = Object.entries(record.metrics)
    .filter(([, value]) => Number.isFinite(value))
    .map(([key, value]) => ({
      key,
      value,
      step: historyKeys.has(key) ? afterLastEpoch : 0,
      timestamp: endTime ?? startTime,
    }));

  const optional = (key: string, value: string | undefined): KeyValue[] =>
    value === undefined ? [] : [{ key, value }];
  const requestedBy = record.params.requestedBy;
  const tags: KeyValue[] = [
    { key: RECORD_ID_TAG, value: record.id },
    ...optional(PARENT_RECORD_ID_TAG, record.parentId),
    { key: RunTag.Kind, value: record.kind },
    { key: RunTag.WorkflowId, value: record.workflowId },
    { key: RunTag.TemporalRunId, value: record.runId },
    { key: RunTag.Status, value: record.status },
    ...optional(RunTag.DatasetMd5, record.datasetMd5),
    ...optional(RunTag.ModelVersion, record.modelVersion),
    ...optional(RunTag.Decision, record.decision),
    ...Object.entries(record.artifacts).map(([name, file]) => ({
      key: `${RunTag.ArtifactPrefix}${name}`,
      value: file,
    })),
    ...optional('mlflow.user', typeof requestedBy === 'string' ? requestedBy : undefined),
    { key: 'mlflow.note.content', value: describe(record) },
  ];

  return {
    runName: record.id,
    startTime,
    ...(endTime !== undefined ? { endTime } : {}),
    status: STATUS[record.status],
    params: Object.entries(record.params)
      .map(([key, value]) => ({ key, value: String(value) }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    metrics: [...history, ...finals],
    tags,
  };
}

/** The run's description in the MLflow UI. */
function describe(record: RunRecord): string {
  const lines = [
    `LegalAid Connect ${record.kind} run \`${record.id}\`, mirrored from the pipeline's run record.`,
    `Temporal workflow \`${record.workflowId}\` (run \`${record.runId}\`).`,
  ];
  if (record.modelVersion) lines.push(`Model version: \`${record.modelVersion}\`.`);
  if (record.decision) lines.push(`Decision: **${record.decision}**.`);
  lines.push(`Local record: \`npm run cli -- runs show ${record.id}\`.`);
  return lines.join('\n\n');
}

/** MLflow's per-request limits of `runs/log-batch`. */
export const LOG_BATCH_LIMITS = { metrics: 1000, params: 100, tags: 100, total: 1000 } as const;

/** Splits params, metrics and tags into `runs/log-batch` requests within {@link LOG_BATCH_LIMITS}. */
export function splitBatch(items: {
  readonly params: readonly KeyValue[];
  readonly metrics: readonly MetricInput[];
  readonly tags: readonly KeyValue[];
}): { params: KeyValue[]; metrics: MetricInput[]; tags: KeyValue[] }[] {
  const batches: { params: KeyValue[]; metrics: MetricInput[]; tags: KeyValue[] }[] = [];
  let p = 0;
  let m = 0;
  let t = 0;
  while (p < items.params.length || m < items.metrics.length || t < items.tags.length) {
    const params = items.params.slice(p, p + LOG_BATCH_LIMITS.params);
    const tags = items.tags.slice(t, t + LOG_BATCH_LIMITS.tags);
    const room = Math.min(LOG_BATCH_LIMITS.metrics, LOG_BATCH_LIMITS.total - params.length - tags.length);
    const metrics = items.metrics.slice(m, m + room);
    batches.push({ params, metrics, tags });
    p += params.length;
    m += metrics.length;
    t += tags.length;
  }
  return batches;
}
