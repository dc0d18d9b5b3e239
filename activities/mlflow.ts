import { Context } from '@temporalio/activity';
import { isDomainError } from '../src/core/errors';
import {
  MlflowClient,
  mirrorRunToMlflow,
  type MirrorResult,
  type MlflowSettings,
} from '../src/tracking/mlflow';
import type { ActivityDeps } from './deps';
import { toActivityFailure, withFailureMapping } from './failures';

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

/** How often `syncRunToMlflow` heartbeats (the workflow's heartbeat timeout is a few times this). */
export const SYNC_HEARTBEAT_MS = 5_000;

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
      // A beat every few seconds while the mirror's requests run: it says this worker is
      // alive, so a sync caught on a killed worker is retried after the heartbeat timeout
      // instead of the whole start-to-close timeout.
      const context = Context.current();
      const beat = setInterval(() => context.heartbeat(), SYNC_HEARTBEAT_MS);
      try {
        const mirror = () =>
          mirrorRunToMlflow(record, client, {
            experimentName: settings.experimentName,
            registeredModelName: settings.registeredModelName,
            modelDir: (version) => deps.registry.layout.versionDir(version),
            logger: log,
          });
        // With a bucket, this machine's version cache may not hold the promoted version
        // (another worker trained it, or it was evicted): fetch it, verified, and keep it
        // leased while its files are uploaded.
        const promotedVersion =
          record.kind === 'retrain' && record.decision === 'promoted' ? record.modelVersion : undefined;
        const result =
          deps.registry.store && promotedVersion
            ? await deps.registry.withVersionDir(promotedVersion, mirror)
            : await mirror();
        log.info(
          { mlflowRunId: result.mlflowRunId, registered: result.registered },
          'run mirrored to MLflow',
        );
        return { mirrored: true, ...result };
      } catch (error) {
        if (!isDomainError(error) || error.retryable) {
          log.warn(
            { attempt: Context.current().info.attempt, err: error },
            'could not mirror the run to MLflow; Temporal will retry',
          );
        }
        throw toActivityFailure(error);
      } finally {
        clearInterval(beat);
      }
    },
  };
}
