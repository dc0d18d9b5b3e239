/** The evaluate-model workflow's input, result and status query. */
import { defineQuery } from '@temporalio/workflow';
import type { EvaluateModelVersionResult } from '../activities/evaluate';
import type { EvaluationRows } from '../src/pipeline/evaluate-model';

/** What to evaluate, on which data. */
export interface EvaluateModelInput {
  /** A labelled dataset inside the data folder. @default 'data/matchmaking_dataset.csv' */
  readonly datasetPath?: string;
  /** The version to evaluate; production when absent (then compared with nothing). */
  readonly version?: string;
  /** `test`: the held-out split no retrain trains on; `all`: every row (for freshly labelled data). @default 'test' */
  readonly rows?: EvaluationRows;
  /** Who asked: a person, `schedule`, `ci`. */
  readonly requestedBy?: string;
  /** Index the run with custom search attributes. @default true */
  readonly recordSearchAttributes?: boolean;
}

/** What the evaluation measured and where its reports are. */
export interface EvaluateModelResult extends EvaluateModelVersionResult {
  readonly datasetMd5: string;
  /** The run record (`legalaid-mlops runs show <id>`). */
  readonly runRecordId: string;
}

/** Where an evaluation is. */
export type EvaluateModelStage = 'snapshotting' | 'evaluating' | 'completed' | 'failed';

/** `status` query of the evaluate-model workflow. */
export const evaluateModelStatusQuery = defineQuery<{ stage: EvaluateModelStage; datasetMd5?: string }>(
  'status',
);
