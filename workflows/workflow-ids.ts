import { MODEL_NAME } from '../src/core/model';

/**
 * The retrain workflow ID for a dataset: derived from its content hash, so
 * asking twice for the same data (a CI re-run, a double push, a monthly
 * schedule with unchanged data) finds the first run instead of starting another.
 */
export function retrainWorkflowId(datasetMd5: string, model: string = MODEL_NAME): string {
  return `retrain-${model}-${datasetMd5}`;
}

/** The rollback workflow ID: one rollback of a model at a time. */
export function rollbackWorkflowId(model: string = MODEL_NAME): string {
  return `rollback-${model}`;
}

/** The experiment workflow ID for a candidate: one experiment per version at a time. */
export function experimentWorkflowId(candidate: string, model: string = MODEL_NAME): string {
  return `experiment-${model}-${candidate}`;
}
