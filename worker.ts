import { writeFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from './activities';
import { resolveProjectPaths, type ProjectPaths } from './src/config/paths';
import { MODEL_NAME } from './src/core/model';
import {
  taskQueueFromEnv,
  trainingTaskQueueFromEnv,
  temporalConnectOptions,
  temporalConnectionFromEnv,
  type TemporalConnectionConfig,
} from './src/config/temporal';
import { createLogger, type AppLogger } from './src/logging/logger';
import { PinoTemporalLogger } from './temporal/pino-logger';
import { pipelineSchedules, scheduleSettingsFromEnv } from './temporal/schedules/definitions';
import { ensureSchedules } from './temporal/schedules/ensure-schedules';
import { ensureSearchAttributes } from './temporal/search-attributes';
import { ModelRegistry, registryStoreOptions } from './src/registry';
import { reloadNotifierFromEnv } from './src/serving/reload-notifier';
import { openRunStore } from './src/tracking';
import { mlflowSettingsFromEnv, type MlflowSettings } from './src/tracking/mlflow';
import { parseApprovers } from './src/approvals/approvers';
import {
  checkConfiguredStore,
  openSharedStores,
  parseStoreConfig,
  StoreError,
  type StoreConfig,
} from './src/storage';

/** What a pipeline worker needs. */
export interface PipelineWorkerOptions {
  readonly connection: NativeConnection;
  readonly namespace: string;
  readonly paths: ProjectPaths;
  readonly logger: AppLogger;
  /** @default taskQueueFromEnv() */
  readonly taskQueue?: string;
  /** A pre-built workflow bundle (tests build it once per file); otherwise bundled from `./workflows`. */
  readonly workflowBundle?: WorkerOptions['workflowBundle'];
  /** What this worker runs. @default 'all' */
  readonly role?: WorkerRole;
  /** Drift alerts go here. @default process.env.ALERT_WEBHOOK_URL */
  readonly alertWebhookUrl?: string;
  /** Who may approve or reject, e.g. "ana,bob". @default process.env.APPROVERS (unset: anyone) */
  readonly approvers?: string;
  /**
   * MLflow tracking server that run records are mirrored to; empty: none.
   * @default process.env.MLFLOW_TRACKING_URI (with MLFLOW_EXPERIMENT_NAME and MLflow's credential variables)
   */
  readonly mlflowTrackingUri?: string;
  /**
   * Serving processes to notify after a promotion or rollback, e.g. "http://serving:8000/admin/reload";
   * empty: none (they still poll). @default process.env.SERVING_RELOAD_URLS (token: SERVING_ADMIN_KEY)
   */
  readonly servingReloadUrls?: string;
  /**
   * Task queue of the training workers, which retrains read from this worker's
   * activities; empty: the workflow's own queue.
   * @default process.env.MLOPS_TRAINING_TASK_QUEUE
   */
  readonly trainingTaskQueue?: string;
  /**
   * The serving metrics page the monitoring workflow scrapes for latency, e.g. "http://serving:8000/metrics";
   * empty: no latency in the period records. @default process.env.SERVING_METRICS_URL
   */
  readonly servingMetricsUrl?: string;
  /**
   * Where artifacts live: the local folders, or a bucket shared by workers with no common disk.
   * @default parseStoreConfig(process.env): MLOPS_STORE and the AWS variables
   */
  readonly store?: StoreConfig;
}

/**
 * What a worker process runs. One `all` worker is the simple setup; to scale
 * out, run `orchestration` workers (workflows and light activities) on the main
 * task queue and `training` workers (only `trainCandidate` and `trainTrial`, one at a time) on
 * the training task queue, on machines sized for training.
 */
export const WorkerRole = {
  All: 'all',
  Orchestration: 'orchestration',
  Training: 'training',
} as const;
export type WorkerRole = (typeof WorkerRole)[keyof typeof WorkerRole];

function parseWorkerRole(value: string | undefined): WorkerRole {
  const role = value ?? WorkerRole.All;
  if (!(Object.values(WorkerRole) as string[]).includes(role)) {
    throw new Error(
      `MLOPS_WORKER_ROLE must be one of ${Object.values(WorkerRole).join(', ')}; got "${role}"`,
    );
  }
  return role as WorkerRole;
}

/**
 * Creates a worker that runs the pipeline's workflows and activities. The
 * activities are built by a factory that receives the registry, paths and
 * logger, so tests can point a worker at a temporary project folder.
 */
export async function createPipelineWorker(options: PipelineWorkerOptions): Promise<Worker> {
  const approvers = parseApprovers(options.approvers ?? process.env.APPROVERS);
  const mlflow = mlflowSettings(options);
  const servingReload = reloadNotifierFromEnv(
    options.servingReloadUrls === undefined
      ? process.env
      : { ...process.env, SERVING_RELOAD_URLS: options.servingReloadUrls },
  );
  const trainingTaskQueue = (options.trainingTaskQueue ?? process.env.MLOPS_TRAINING_TASK_QUEUE)?.trim();
  const shared = openSharedStores(options.store ?? parseStoreConfig());
  const deps = {
    paths: options.paths,
    registry: new ModelRegistry(options.paths.modelsDir, shared ? registryStoreOptions(shared) : {}),
    ...(shared ? { snapshotStore: shared.snapshots, workStore: shared.work } : {}),
    ...(shared?.cacheMaxBytes !== undefined ? { snapshotCacheMaxBytes: shared.cacheMaxBytes } : {}),
    // Run records in the bucket too when there is one: any machine starts, updates and finishes them.
    runStore: openRunStore(options.paths.trackingDir, shared?.tracking),
    ...(shared ? { reportsStore: shared.reports } : {}),
    logger: options.logger,
    modelName: MODEL_NAME,
    ...((options.alertWebhookUrl ?? process.env.ALERT_WEBHOOK_URL)
      ? { alertWebhookUrl: options.alertWebhookUrl ?? process.env.ALERT_WEBHOOK_URL }
      : {}),
    ...(approvers ? { approvers } : {}),
    ...(mlflow ? { mlflow } : {}),
    ...(servingReload ? { servingReload } : {}),
    ...(trainingTaskQueue ? { trainingTaskQueue } : {}),
    ...((options.servingMetricsUrl ?? process.env.SERVING_METRICS_URL)
      ? { servingMetricsUrl: options.servingMetricsUrl ?? process.env.SERVING_METRICS_URL }
      : {}),
  };
  const role = options.role ?? WorkerRole.All;
  const activities = createActivities(deps);
  const trainCandidate: typeof activities.trainCandidate = (input) => activities.trainCandidate(input);
  const trainTrial: typeof activities.trainTrial = (input) => activities.trainTrial(input);
  // Training workers run only the activities that train (a candidate, a study's trials).
  const TRAINING_ACTIVITIES: readonly string[] = ['trainCandidate', 'trainTrial'];
  const lightActivities = Object.fromEntries(
    Object.entries(activities).filter(([name]) => !TRAINING_ACTIVITIES.includes(name)),
  );
  if (role === WorkerRole.Training) {
    return Worker.create({
      connection: options.connection,
      namespace: options.namespace,
      taskQueue: options.taskQueue ?? trainingTaskQueueFromEnv(),
      activities: { trainCandidate, trainTrial },
      // Training is CPU-bound on one event loop: one at a time keeps its heartbeats flowing.
      maxConcurrentActivityTaskExecutions: 1,
    });
  }
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? taskQueueFromEnv(),
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: require.resolve('./workflows') }),
    activities: role === WorkerRole.All ? activities : lightActivities,
    maxConcurrentActivityTaskExecutions: 4,
  });
}

/**
 * The worker's MLflow settings. A tracking URI that cannot work (not http(s))
 * turns mirroring off with a warning rather than stopping the pipeline.
 */
function mlflowSettings(options: PipelineWorkerOptions): MlflowSettings | undefined {
  const env =
    options.mlflowTrackingUri === undefined
      ? process.env
      : { ...process.env, MLFLOW_TRACKING_URI: options.mlflowTrackingUri };
  try {
    const settings = mlflowSettingsFromEnv(env);
    if (settings) options.logger.info({ mlflow: settings.trackingUri }, 'mirroring run records to MLflow');
    return settings;
  } catch (error) {
    options.logger.warn({ err: (error as Error).message }, 'run records are not mirrored to MLflow');
    return undefined;
  }
}

async function withClientConnection<T>(
  config: TemporalConnectionConfig,
  fn: (connection: Connection) => Promise<T>,
): Promise<T> {
  const connection = await Connection.connect(temporalConnectOptions(config));
  try {
    return await fn(connection);
  } finally {
    await connection.close();
  }
}

async function main(): Promise<void> {
  const logger = createLogger('worker');
  // The artifact store first: one that cannot work stops the worker here, before it takes a task.
  await checkConfiguredStore(parseStoreConfig());
  Runtime.install({ logger: new PinoTemporalLogger(logger) });
  const config = temporalConnectionFromEnv();
  const connection = await NativeConnection.connect(temporalConnectOptions(config));
  await withClientConnection(config, async (clientConnection) => {
    const added = await ensureSearchAttributes(clientConnection, config.namespace);
    if (added.length > 0) logger.info({ added }, 'registered search attributes');
    if (process.env.MLOPS_ENSURE_SCHEDULES === 'true') {
      const client = new Client({ connection: clientConnection, namespace: config.namespace });
      const ensured = await ensureSchedules(client, pipelineSchedules(scheduleSettingsFromEnv()));
      logger.info({ schedules: ensured }, 'schedules ensured');
    }
  });
  const paths = resolveProjectPaths();
  const role = parseWorkerRole(process.env.MLOPS_WORKER_ROLE);
  const worker = await createPipelineWorker({ connection, namespace: config.namespace, paths, logger, role });
  logger.info(
    { address: config.address, namespace: config.namespace, role, root: paths.root },
    'worker started',
  );
  const healthFile = process.env.MLOPS_HEALTH_FILE;
  const touchHealth = () => {
    if (healthFile) writeFileSync(healthFile, new Date().toISOString());
  };
  touchHealth();
  const healthTimer = setInterval(touchHealth, 15_000);
  try {
    await worker.run(); // stops on SIGINT/SIGTERM (the Runtime installs the handlers)
  } finally {
    clearInterval(healthTimer);
    await connection.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof StoreError ? error.message : error);
    process.exit(1);
  });
}
