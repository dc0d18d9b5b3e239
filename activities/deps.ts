import type { ProjectPaths } from '../src/config/paths';
import type { AppLogger } from '../src/logging/logger';
import type { ModelRegistry } from '../src/registry';
import type { ReloadNotifierSettings } from '../src/serving/reload-notifier';
import type { ArtifactStore } from '../src/storage';
import type { RunStore } from '../src/tracking';

/** What the worker injects into the activities: stores and settings, no globals. */
export interface ActivityDeps {
  readonly paths: ProjectPaths;
  readonly registry: ModelRegistry;
  /** Run records (experiment tracking). */
  readonly runStore: RunStore;
  readonly logger: AppLogger;
  /** The model the pipeline trains; scopes locks. */
  readonly modelName: string;
  /** Slack-compatible incoming webhook for drift alerts (env ALERT_WEBHOOK_URL); unset: alerts are logged only. */
  readonly alertWebhookUrl?: string;
  /** Normalised names allowed to approve or reject (env APPROVERS); unset: anyone. */
  readonly approvers?: readonly string[];
  /** Serving processes told to reload after a promotion or rollback (env SERVING_RELOAD_URLS); unset: they poll. */
  readonly servingReload?: ReloadNotifierSettings;
  /**
   * Task queue of the training workers (env MLOPS_TRAINING_TASK_QUEUE), a
   * deployment setting the retrain workflow reads through an activity; unset:
   * training runs on the workflow's own queue.
   */
  readonly trainingTaskQueue?: string;
  /**
   * The shared store that holds the snapshots (`<MLOPS_STORE>/snapshots`), when
   * workers share no folder: snapshots are uploaded when made and downloaded
   * into the local snapshot folder, a cache, before they are read. Unset: the
   * snapshot folder is the only copy.
   */
  readonly snapshotStore?: ArtifactStore;
  /**
   * The shared store for training checkpoints (`<MLOPS_STORE>/work`), so a retry
   * on another machine resumes from the last epoch; unset: checkpoints stay in `work/`.
   */
  readonly workStore?: ArtifactStore;
  /**
   * The shared store's reports area (`<MLOPS_STORE>/reports`): the HTML/JSON
   * reports are copied there after they are written (see report-sync.ts);
   * unset: they stay in `reports/` only.
   */
  readonly reportsStore?: ArtifactStore;
  /** Bound of the local snapshot cache, in bytes (env MLOPS_CACHE_MAX_BYTES); unset: unbounded. */
  readonly snapshotCacheMaxBytes?: number;
}
