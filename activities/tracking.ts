import path from 'node:path';
import type { ClassificationMetrics } from '../src/metrics';
import { newRunId, type ParamValue, type RunKind } from '../src/tracking';
import type { ActivityDeps } from './deps';
import { withFailureMapping } from './failures';
import { callingWorkflow } from './workflow-execution';

/** Input of `startRunRecord`. */
export interface StartRunRecordInput {
  readonly kind: RunKind;
  /** The workflow's start time, so every attempt records the same run. */
  readonly startedAt: string;
  /** Lists (such as `hiddenUnits`) are recorded as comma-separated text. */
  readonly params: Readonly<Record<string, ParamValue | readonly number[]>>;
  /** The run this one belongs to (the study of a trial). */
  readonly parentId?: string;
}

/** Record parameters are scalars (as MLflow's are): lists become `64,32` (an empty one `none`). */
export function recordParams(
  params: Readonly<Record<string, ParamValue | readonly number[]>>,
): Record<string, ParamValue> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? (v.length ? v.join(',') : 'none') : v]),
  ) as Record<string, ParamValue>;
}

/** Input of `finishRunRecord`. */
export interface FinishRunRecordInput {
  readonly id: string;
  readonly status: 'completed' | 'failed';
  readonly metrics?: Readonly<Record<string, number>>;
  /** Candidate metrics on the test split, flattened into the record's metrics. */
  readonly candidate?: ClassificationMetrics;
  /** Production metrics on the same rows, recorded as `production_*`. */
  readonly production?: ClassificationMetrics | null;
  readonly decision?: string;
  readonly modelVersion?: string;
  readonly datasetMd5?: string;
  readonly artifacts?: Readonly<Record<string, string>>;
}

/**
 * Flattens classification metrics into the run record's number map
 * (`rocAuc`, `confusion_tp`, …; `prefix` for production's), skipping undefined ones.
 */
export function flattenMetrics(metrics: ClassificationMetrics, prefix = ''): Record<string, number> {
  const flat: Record<string, number> = {};
  for (const [key, value] of Object.entries(metrics)) {
    if (typeof value === 'number' && Number.isFinite(value)) flat[`${prefix}${key}`] = value;
  }
  const { tp, fp, tn, fn } = metrics.confusion;
  Object.assign(flat, {
    [`${prefix}confusion_tp`]: tp,
    [`${prefix}confusion_fp`]: fp,
    [`${prefix}confusion_tn`]: tn,
    [`${prefix}confusion_fn`]: fn,
  });
  return flat;
}

/** Experiment-tracking activities: a run record per retrain and drift check. */
export function createTrackingActivities(deps: ActivityDeps) {
  return {
    /** Records a run as started (idempotent for retries of the same workflow run) and returns its id. */
    async startRunRecord(input: StartRunRecordInput): Promise<string> {
      return withFailureMapping(() => startRecord(input));
    },
    /** Ends a run record with its status, metrics, decision and artifacts (a model version adds its files). */
    async finishRunRecord(input: FinishRunRecordInput): Promise<void> {
      return withFailureMapping(() => finishRecord(input));
    },
  };

  async function startRecord(input: StartRunRecordInput): Promise<string> {
    const { workflowId, runId } = callingWorkflow();
    // The run id's last hex digits: a Temporal run id is a UUIDv7, whose first digits are a timestamp.
    const id = newRunId(input.kind, new Date(input.startedAt), runId.replaceAll('-', '').slice(-8));
    await deps.runStore.start({
      id,
      kind: input.kind,
      workflowId,
      runId,
      params: recordParams(input.params),
      startedAt: input.startedAt,
      ...(input.parentId ? { parentId: input.parentId } : {}),
    });
    return id;
  }

  async function finishRecord(input: FinishRunRecordInput): Promise<void> {
    const versionArtifacts: Record<string, string> = input.modelVersion
      ? {
          model: path.relative(deps.paths.root, deps.registry.layout.versionDir(input.modelVersion)),
          evaluation: path.relative(
            deps.paths.root,
            deps.registry.layout.versionFile(input.modelVersion, 'evaluation'),
          ),
        }
      : {};
    await deps.runStore.finish(input.id, {
      status: input.status,
      endedAt: new Date().toISOString(),
      metrics: {
        ...(input.candidate ? flattenMetrics(input.candidate) : {}),
        ...(input.production ? flattenMetrics(input.production, 'production_') : {}),
        ...input.metrics,
      },
      artifacts: { ...versionArtifacts, ...input.artifacts },
      ...(input.decision ? { decision: input.decision } : {}),
      ...(input.modelVersion ? { modelVersion: input.modelVersion } : {}),
      ...(input.datasetMd5 ? { datasetMd5: input.datasetMd5 } : {}),
    });
  }
}
