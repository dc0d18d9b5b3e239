/**
 * Mirrors one run record to MLflow. Idempotent, so a retry after any failure
 * (or a second sync of the same record) converges on one MLflow run: the run
 * is found by the tag holding the local run id and updated; params already
 * logged are not sent again; metric values already in a metric's history
 * (same step and value) are not appended twice; tags are overwritten.
 */
import type { RunRecord } from '../run-record';
import { isAlreadyExists, type KeyValue, type MetricInput, type MlflowClient } from './client';
import { MlflowError } from './errors';
import { registerPromotedModel, type MirrorLogger, type RegisteredVersion } from './register-model';
import {
  MLFLOW_PARENT_RUN_ID_TAG,
  PARENT_RECORD_ID_TAG,
  RECORD_ID_TAG,
  runPayload,
  splitBatch,
} from './run-payload';
import type { MlflowRun } from './schemas';

/** Settings of {@link mirrorRunToMlflow}. */
export interface MirrorOptions {
  readonly experimentName: string;
  readonly registeredModelName: string;
  /** Absolute folder of a model version's files, uploaded when the record is a promotion. */
  readonly modelDir?: (version: string) => string;
  readonly logger?: MirrorLogger;
}

/** What the mirror did; small, so it can be a workflow result. */
export interface MirrorResult {
  readonly experimentId: string;
  readonly mlflowRunId: string;
  /** False when the run existed from an earlier sync and was updated. */
  readonly createdRun: boolean;
  readonly logged: { readonly params: number; readonly metrics: number; readonly tags: number };
  /** Params that MLflow already holds with another value (MLflow never changes a param). */
  readonly conflictingParams: readonly string[];
  /** Set when the record is a promotion. */
  readonly registered?: RegisteredVersion;
}

/**
 * Logs a run record to MLflow: experiment (created if missing), run (found by
 * its `legalaid.run_record_id` tag or created), params, metrics with per-epoch
 * history, tags, status and end time; a promotion also registers the model
 * version and sets the champion alias. The status is written last, so a run
 * that shows FINISHED in MLflow has all its data.
 *
 * @throws MlflowError naming the endpoint that failed; `retryable` says whether to try again
 */
export async function mirrorRunToMlflow(
  record: RunRecord,
  client: MlflowClient,
  options: MirrorOptions,
): Promise<MirrorResult> {
  const payload = runPayload(record);
  const experimentId = await ensureExperiment(client, options.experimentName);
  const existing = await findRun(client, experimentId, record.id, options.logger);
  const run =
    existing ??
    (await client.createRun({
      experimentId,
      runName: payload.runName,
      startTime: payload.startTime,
      // With the run, atomically: a retry finds it, and so does its parent's sync.
      tags: [
        { key: RECORD_ID_TAG, value: record.id },
        ...(record.parentId ? [{ key: PARENT_RECORD_ID_TAG, value: record.parentId }] : []),
      ],
    }));
  const runId = run.info.run_id;

  const { params, conflictingParams } = newParams(run, payload.params);
  if (conflictingParams.length > 0) {
    options.logger?.warn(
      { runId, recordId: record.id, conflictingParams },
      'MLflow run already has other values for these params; MLflow never changes a param, so they are left as they are',
    );
  }
  const metrics = existing ? await newMetrics(client, runId, payload.metrics) : [...payload.metrics];
  for (const batch of splitBatch({ params, metrics, tags: payload.tags })) {
    await client.logBatch({ runId, ...batch });
  }

  // Parent and child runs are synced independently and in any order. Each child
  // run is created with its parent's record id as a tag; a child whose parent is
  // already in MLflow nests itself, and a study's sync nests every child it
  // finds. Whichever is created second does the linking, so none is missed.
  if (record.parentId) {
    const parent = await findRun(client, experimentId, record.parentId, options.logger);
    if (parent) await nestUnder(client, parent.info.run_id, [run]);
  }
  if (record.kind === 'study') {
    await nestUnder(client, runId, await findChildren(client, experimentId, record.id));
  }

  let registered: RegisteredVersion | undefined;
  if (record.kind === 'retrain' && record.decision === 'promoted' && record.modelVersion) {
    const modelVersion = record.modelVersion;
    registered = await registerPromotedModel(client, {
      record: { ...record, modelVersion },
      run,
      registeredModelName: options.registeredModelName,
      ...(options.modelDir ? { modelDir: options.modelDir(modelVersion) } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }

  await client.updateRun({
    runId,
    status: payload.status,
    ...(payload.endTime !== undefined ? { endTime: payload.endTime } : {}),
  });
  return {
    experimentId,
    mlflowRunId: runId,
    createdRun: !existing,
    logged: { params: params.length, metrics: metrics.length, tags: payload.tags.length },
    conflictingParams,
    ...(registered ? { registered } : {}),
  };
}

/** Files a new experiment under "Model training" rather than "GenAI" in the MLflow 3 UI. */
const EXPERIMENT_KIND_TAG = { key: 'mlflow.experimentKind', value: 'custom_model_development' } as const;

/**
 * The experiment's id, creating it when missing (two creators racing both end
 * with the same id).
 *
 * @throws MlflowError (not retryable) when the experiment is deleted in MLflow
 */
export async function ensureExperiment(client: MlflowClient, name: string): Promise<string> {
  let experiment = await client.getExperimentByName(name);
  if (!experiment) {
    try {
      return await client.createExperiment(name, [EXPERIMENT_KIND_TAG]);
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      experiment = await client.getExperimentByName(name);
    }
  }
  const endpoint = 'GET /api/2.0/mlflow/experiments/get-by-name';
  if (!experiment) {
    throw new MlflowError(
      `MLflow ${endpoint}: experiment "${name}" exists and then does not`,
      endpoint,
      undefined,
      undefined,
      true,
    );
  }
  if (experiment.lifecycle_stage === 'deleted') {
    throw new MlflowError(
      `MLflow ${endpoint}: experiment "${name}" (id ${experiment.experiment_id}) is deleted; ` +
        'restore it (`mlflow experiments restore`) or set MLFLOW_EXPERIMENT_NAME to another name',
      endpoint,
      undefined,
      undefined,
      false,
    );
  }
  return experiment.experiment_id;
}

/** The active MLflow run mirroring `recordId`, if an earlier sync created one. */
async function findRun(
  client: MlflowClient,
  experimentId: string,
  recordId: string,
  logger: MirrorLogger | undefined,
): Promise<MlflowRun | undefined> {
  // Run ids are letters, digits, '.', '_', '-' (assertRunId): safe inside the quotes.
  const runs = await client.searchRuns({
    experimentIds: [experimentId],
    filter: `tags.\`${RECORD_ID_TAG}\` = '${recordId}'`,
    orderBy: ['attributes.start_time ASC'],
    maxResults: 10,
  });
  if (runs.length > 1) {
    logger?.warn(
      { recordId, runs: runs.map((run) => run.info.run_id) },
      'several MLflow runs mirror one run record; updating the first',
    );
  }
  return runs[0];
}

/** The runs tagged as children of the record `parentRecordId` (a study's trials: at most 1000). */
async function findChildren(
  client: MlflowClient,
  experimentId: string,
  parentRecordId: string,
): Promise<MlflowRun[]> {
  return client.searchRuns({
    experimentIds: [experimentId],
    filter: `tags.\`${PARENT_RECORD_ID_TAG}\` = '${parentRecordId}'`,
    maxResults: 5000,
  });
}

/** Sets `mlflow.parentRunId` on the runs that do not have it yet (the MLflow UI nests them). */
async function nestUnder(
  client: MlflowClient,
  parentRunId: string,
  runs: readonly MlflowRun[],
): Promise<void> {
  for (const run of runs) {
    const current = run.data.tags.find((tag) => tag.key === MLFLOW_PARENT_RUN_ID_TAG)?.value;
    if (current === parentRunId) continue;
    await client.logBatch({
      runId: run.info.run_id,
      params: [],
      metrics: [],
      tags: [{ key: MLFLOW_PARENT_RUN_ID_TAG, value: parentRunId }],
    });
  }
}

/** Params not yet on the run; those on it with another value are reported, not sent. */
function newParams(
  run: MlflowRun,
  params: readonly KeyValue[],
): { params: KeyValue[]; conflictingParams: string[] } {
  const logged = new Map(run.data.params.map((param) => [param.key, param.value]));
  const conflictingParams = params
    .filter((param) => logged.has(param.key) && logged.get(param.key) !== param.value)
    .map((param) => param.key);
  return { params: params.filter((param) => !logged.has(param.key)), conflictingParams };
}

/** Metric values not yet in their metric's history (same step and value). */
async function newMetrics(
  client: MlflowClient,
  runId: string,
  metrics: readonly MetricInput[],
): Promise<MetricInput[]> {
  const keys = [...new Set(metrics.map((metric) => metric.key))];
  const seen = new Set<string>();
  for (const key of keys) {
    for (const metric of await client.getMetricHistory(runId, key)) {
      seen.add(`${key}\u0000${metric.step}\u0000${metric.value}`);
    }
  }
  return metrics.filter((metric) => !seen.has(`${metric.key}\u0000${metric.step}\u0000${metric.value}`));
}
