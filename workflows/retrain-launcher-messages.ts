/**
 * The retrain launcher's public surface: what callers send and what they get
 * back. No workflow code here, so the CLI imports it without the workflows.
 */
import type { RetrainInput } from './retrain-messages';

/**
 * Input of `launchRetrainWorkflow`: a retrain's input. `datasetPath` is a
 * reference the worker resolves (today a path under its data folder; an object
 * store key later), so the caller needs no copy of the file. `expectedDatasetMd5`
 * is optional here: a caller that knows the content it means (CI, from the pushed
 * file) passes it, and a worker whose file differs refuses instead of retraining
 * other data.
 */
export type LaunchRetrainInput = RetrainInput;

/** What the launcher did. */
export const LaunchOutcome = {
  /** A new retrain runs under `retrainWorkflowId`. */
  Started: 'started',
  /** A retrain of this exact dataset content already ran or is running: nothing new. */
  Exists: 'exists',
  /** Another retrain of the model is in progress: nothing was started (`reason` says which). */
  Refused: 'refused',
} as const;
export type LaunchOutcome = (typeof LaunchOutcome)[keyof typeof LaunchOutcome];

/** What the launcher did, and the retrain it is about. */
export interface LaunchRetrainResult {
  readonly retrainWorkflowId: string;
  readonly datasetMd5: string;
  /** True only for {@link LaunchOutcome.Started}. */
  readonly started: boolean;
  /** Absent in results of launches recorded before outcomes existed (read `started`). */
  readonly outcome?: LaunchOutcome;
  /** Why nothing was started, for {@link LaunchOutcome.Refused}. */
  readonly reason?: string;
  /** The retrain in the way, for {@link LaunchOutcome.Refused}. */
  readonly inProgressWorkflowId?: string;
}
