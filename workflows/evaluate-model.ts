import {
  CancellationScope,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { EvaluateModelVersionResult } from '../activities/evaluate';
import {
  evaluateModelStatusQuery,
  type EvaluateModelInput,
  type EvaluateModelResult,
  type EvaluateModelStage,
} from './evaluate-model-messages';
import { NON_RETRYABLE_FAILURE_TYPES } from '../src/core/errors';
import { startMlflowSync } from './mlflow-sync';
import {
  CandidateMetricKey,
  DatasetMd5Key,
  ModelVersionKey,
  ProductionMetricKey,
  RequestedByKey,
} from './search-attributes';

type Activities = ReturnType<typeof createActivities>;

const light = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});

const { evaluateModelVersion } = proxyActivities<Activities>({
  startToCloseTimeout: '1 hour',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});

/** Default for {@link EvaluateModelInput.datasetPath}: the bundled dataset, as in the seed. */
export const DEFAULT_EVALUATION_DATASET = 'data/matchmaking_dataset.csv';

/**
 * Evaluates the production model (or a named version, then side by side with
 * production) on a snapshot of a labelled dataset — the seed's
 * `evaluate_model.py` — writing a text summary, a JSON result and an HTML
 * report, and recording the run with its metrics and artifacts.
 */
export async function evaluateModelWorkflow(input: EvaluateModelInput = {}): Promise<EvaluateModelResult> {
  const datasetPath = input.datasetPath ?? DEFAULT_EVALUATION_DATASET;
  const requestedBy = input.requestedBy ?? 'unknown';
  let stage: EvaluateModelStage = 'snapshotting';
  let datasetMd5: string | undefined;
  setHandler(evaluateModelStatusQuery, () => ({ stage, ...(datasetMd5 ? { datasetMd5 } : {}) }));

  const recordId = await light.startRunRecord({
    kind: 'evaluation',
    startedAt: new Date(workflowInfo().startTime).toISOString(),
    params: {
      datasetPath,
      rows: input.rows ?? 'test',
      requestedBy,
      ...(input.version ? { version: input.version } : {}),
    },
  });
  try {
    const snapshot = await light.snapshotDataset({ datasetPath });
    datasetMd5 = snapshot.md5;
    stage = 'evaluating';
    const evaluation = await evaluateModelVersion({
      datasetMd5: snapshot.md5,
      ...(input.version ? { version: input.version } : {}),
      ...(input.rows ? { rows: input.rows } : {}),
    });
    await light.finishRunRecord({
      id: recordId,
      status: 'completed',
      candidate: evaluation.metrics,
      production: evaluation.production?.metrics ?? null,
      modelVersion: evaluation.modelVersion,
      datasetMd5: snapshot.md5,
      artifacts: { report: evaluation.htmlPath, summary: evaluation.textPath, result: evaluation.jsonPath },
    });
    await startMlflowSync(recordId);
    if (input.recordSearchAttributes !== false) {
      upsertSearchAttributes([
        { key: ModelVersionKey, value: evaluation.modelVersion },
        { key: DatasetMd5Key, value: snapshot.md5 },
        { key: RequestedByKey, value: requestedBy },
        ...primaryMetricAttributes(evaluation),
      ]);
    }
    stage = 'completed';
    return { ...evaluation, datasetMd5: snapshot.md5, runRecordId: recordId };
  } catch (error) {
    stage = 'failed';
    await CancellationScope.nonCancellable(() => light.finishRunRecord({ id: recordId, status: 'failed' }));
    await startMlflowSync(recordId);
    throw error;
  }
}

/**
 * ROC AUC (the default primary metric) as search attributes: production's when
 * production was evaluated, or the named version's as the candidate next to production's.
 */
function primaryMetricAttributes(evaluation: EvaluateModelVersionResult) {
  const attributes = [];
  const own = evaluation.metrics.rocAuc;
  const production = evaluation.production ? evaluation.production.metrics.rocAuc : own;
  if (evaluation.production && own !== null) attributes.push({ key: CandidateMetricKey, value: own });
  if (production !== null) attributes.push({ key: ProductionMetricKey, value: production });
  return attributes;
}
