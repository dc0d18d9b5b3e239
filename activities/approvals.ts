import type { ActivityDeps } from './deps';

/** The worker's approval settings, as the retrain workflow needs them. */
export interface ApprovalPolicy {
  /** Normalised names allowed to approve or reject; null: anyone. */
  readonly approvers: readonly string[] | null;
}

/** Approval-gate activities. */
export function createApprovalActivities(deps: ActivityDeps) {
  return {
    /**
     * Reads who may approve (the worker's `APPROVERS`). An activity, so the
     * answer is recorded in history and the workflow stays deterministic.
     */
    async readApprovalPolicy(): Promise<ApprovalPolicy> {
      return Promise.resolve({ approvers: deps.approvers ?? null });
    },
  };
}
