import { proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { EvaluateModelVersionResult } from '../activities/evaluate';
import { NON_RETRYABLE_FAILURE_TYPES } from '../src/core/errors';
import {
  evaluateModelStatusQuery,
  type EvaluateModelInput,
  type EvaluateModelResult,
  type EvaluateModelStage,
} from './evaluate-model-messages';
import { validateEvaluateModelInput } from './input-schemas';
import { withRunRecord } from './run-record';
import {
  CandidateMetricKey,
  DatasetMd5Key,
  ModelVersionKey,
  ProductionMetricKey,
  RequestedByKey,
} from './search-attributes';

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
export async function evaluateModelWorkflow(raw: EvaluateModelInput = {}): Promise<EvaluateModelResult> {
  let stage: EvaluateModelStage = 'snapshotting';
  let datasetMd5: string | undefined;
  setHandler(evaluateModelStatusQuery, () => ({ stage, ...(datasetMd5 ? { datasetMd5 } : {}) }));
  const input = validateEvaluateModelInput(raw); // before any work
  const datasetPath = input.datasetPath ?? DEFAULT_EVALUATION_DATASET;
  const requestedBy = input.requestedBy ?? 'unknown';
  try {
    const result = await withRunRecord(
      {
        kind: 'evaluation',
        params: {
          datasetPath,
          rows: input.rows ?? 'test',
          requestedBy,
          ...(input.version ? { version: input.version } : {}),
        },
      },
      async (runRecordId) => {
        // Scoring needs enough distinct rows of each class in the rows it scores, not a training split.
        const snapshot = await light.snapshotDataset({
          datasetPath,
          requiredParts: [input.rows === 'all' ? 'all' : 'test'],
        });
        datasetMd5 = snapshot.md5;
        stage = 'evaluating';
        const evaluation = await evaluateModelVersion({
          datasetMd5: snapshot.md5,
          ...(input.version ? { version: input.version } : {}),
          ...(input.rows ? { rows: input.rows } : {}),
        });
        return {
          value: { ...evaluation, datasetMd5: snapshot.md5, runRecordId },
          record: {
            candidate: evaluation.metrics,
            production: evaluation.production?.metrics ?? null,
            modelVersion: evaluation.modelVersion,
            datasetMd5: snapshot.md5,
            artifacts: {
              report: evaluation.htmlPath,
              summary: evaluation.textPath,
              result: evaluation.jsonPath,
            },
          },
        };
      },
    );
    if (input.recordSearchAttributes !== false) {
      upsertSearchAttributes([
        { key: ModelVersionKey, value: result.modelVersion },
        { key: DatasetMd5Key, value: result.datasetMd5 },
        { key: RequestedByKey, value: requestedBy },
        ...primaryMetricAttributes(result),
      ]);
    }
    stage = 'completed';
    return result;
  } catch (error) {
    stage = 'failed';
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
