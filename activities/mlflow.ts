import { ApplicationFailure } from '@temporalio/common';
import { Context } from '@temporalio/activity';
import {
  MlflowClient,
  MlflowError,
  mirrorRunToMlflow,
  type MirrorResult,
  type MlflowSettings,
} from '../src/tracking/mlflow';
import type { ActivityDeps } from './deps';
import { withFailureMapping } from './failures';

/** What the worker adds for MLflow: the settings from MLFLOW_TRACKING_URI & co; unset: no mirroring. */
export interface MlflowDeps {
  readonly mlflow?: MlflowSettings;
}

/** Input of `syncRunToMlflow`: a reference, never the record itself. */
export interface SyncRunToMlflowInput {
  readonly recordId: string;
}

/** What `syncRunToMlflow` did. */
export type SyncRunToMlflowResult =
  ({ readonly mirrored: true } & MirrorResult) | { readonly mirrored: false; readonly reason: string };

/** Failure type of an MLflow answer that retrying cannot change (a 4xx other than 408/425/429). */
export const MLFLOW_REJECTED = 'MlflowRejected';

/** MLflow interoperability activities. */
export function createMlflowActivities(deps: ActivityDeps & MlflowDeps) {
  const settings = deps.mlflow;
  const client = settings ? new MlflowClient(settings) : undefined;
  return {
    /** Whether this worker mirrors runs to MLflow (run as a local activity by workflows, which may not read env). */
    mlflowSyncEnabled(): Promise<boolean> {
      return Promise.resolve(client !== undefined);
    },

    /**
     * Mirrors one run record to MLflow (see `mirrorRunToMlflow`). An unreachable
     * or failing server is logged and rethrown for Temporal to retry; an answer
     * retrying cannot change fails at once, naming the endpoint.
     */
    async syncRunToMlflow(input: SyncRunToMlflowInput): Promise<SyncRunToMlflowResult> {
      if (!client || !settings) {
        return { mirrored: false, reason: 'MLFLOW_TRACKING_URI is not set on this worker' };
      }
      const record = await withFailureMapping(() => deps.runStore.get(input.recordId));
      const log = deps.logger.child({ recordId: record.id, mlflow: settings.trackingUri });
      try {
        const result = await mirrorRunToMlflow(record, client, {
          experimentName: settings.experimentName,
          registeredModelName: settings.registeredModelName,
          modelDir: (version) => deps.registry.layout.versionDir(version),
          logger: log,
        });
        log.info(
          { mlflowRunId: result.mlflowRunId, registered: result.registered },
          'run mirrored to MLflow',
        );
        return { mirrored: true, ...result };
      } catch (error) {
        if (error instanceof MlflowError && !error.retryable) {
          throw ApplicationFailure.create({
            message: error.message,
            type: MLFLOW_REJECTED,
            nonRetryable: true,
            details: [
              { endpoint: error.endpoint, status: error.status ?? null, errorCode: error.errorCode ?? null },
            ],
          });
        }
        log.warn(
          { attempt: Context.current().info.attempt, err: (error as Error).message },
          'could not mirror the run to MLflow; Temporal will retry',
        );
        throw error;
      }
    },
  };
}
