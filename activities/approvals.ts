import type { ActivityDeps } from './deps';

/** The worker's approval settings, as the retrain workflow needs them. */
export interface ApprovalPolicy {
  /** Normalised names allowed to approve or reject; null: anyone. */
  readonly approvers: readonly string[] | null;
}

/** Where training runs, as the retrain workflow needs it. */
export interface TrainingSettings {
  /** The training workers' task queue; null: the workflow's own queue. */
  readonly taskQueue: string | null;
}

/** Deployment settings the workflows read through activities (recorded in history, so replay is deterministic). */
export function createApprovalActivities(deps: ActivityDeps) {
  return {
    /**
     * Reads who may approve (the worker's `APPROVERS`). An activity, so the
     * answer is recorded in history and the workflow stays deterministic.
     */
    async readApprovalPolicy(): Promise<ApprovalPolicy> {
      return Promise.resolve({ approvers: deps.approvers ?? null });
    },
    /**
     * Reads where training runs (the worker's `MLOPS_TRAINING_TASK_QUEUE`): a
     * setting of the deployment, so no caller has to pass it with each retrain.
     */
    async readTrainingSettings(): Promise<TrainingSettings> {
      return Promise.resolve({ taskQueue: deps.trainingTaskQueue ?? null });
    },
  };
}
