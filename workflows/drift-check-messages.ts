/** The drift-check workflow's input, result and status query. */
import { defineQuery } from '@temporalio/workflow';
import type { DriftAlertSummary } from '../src/alerts/drift-alert';
import type { AnnounceDriftResult } from '../activities/alerts';
import type { LaunchRetrainResult } from './retrain-launcher-messages';

/** What a drift check compares and what it does about drift. */
export interface DriftCheckInput {
  /** Recent production inputs, same schema as the training data. @default 'data/current_data.csv' */
  readonly currentPath?: string;
  /** Share of drifted columns at which the dataset counts as drifted (Evidently's `drift_share`). @default 0.5 */
  readonly driftShare?: number;
  /** Start a retrain on the current data when dataset drift is found. @default false */
  readonly retrainOnDrift?: boolean;
  /** Re-announce an unchanged drift state after this long. @default '28 days' */
  readonly alertCooldown?: string;
  /** Ignored: where training runs is the workers' setting (MLOPS_TRAINING_TASK_QUEUE). @deprecated */
  readonly trainingTaskQueue?: string;
  /** Who asked: a person, `schedule`. */
  readonly requestedBy?: string;
  /** Index the run with custom search attributes. @default true */
  readonly recordSearchAttributes?: boolean;
}

/** What the drift check found and did. */
export interface DriftCheckResult {
  readonly summary: DriftAlertSummary;
  /** The JSON result next to the HTML report. */
  readonly jsonPath: string;
  readonly alert: AnnounceDriftResult;
  readonly retrain?: LaunchRetrainResult;
}

/** Where a drift check is. */
export type DriftCheckStage = 'checking' | 'alerting' | 'launching' | 'completed';

/** `status` query of the drift-check workflow. */
export const driftCheckStatusQuery = defineQuery<{ stage: DriftCheckStage }>('status');
