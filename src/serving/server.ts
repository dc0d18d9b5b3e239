/**
 * One serving process: selects the TensorFlow.js backend, loads production,
 * starts the prediction log and the HTTP app, and polls `models/production`
 * (and the experiments' routing table) as the safety net behind promotion
 * notifications.
 */
import type { AppLogger } from '../logging/logger';
import { initTensorflowBackend } from '../model/backend';
import { openProjectRegistry, type ModelRegistry } from '../registry';
import { openOutcomeStore } from '../monitoring/outcomes/open-outcome-store';
import { PredictionIdIndex } from '../monitoring/outcomes/known-predictions';
import { BearerTokens } from './auth';
import { SERVED_MODEL_NAME, type ServingConfig } from './config';
import { buildServingApp } from './http/app';
import type { ReloadReport, ServingAppDeps } from './http/context';
import { createServingMetrics, type ServingMetrics } from './metrics';
import { ServingExplanations } from './explanations';
import { ModelManager } from './models/model-manager';
import { openPredictionLogStore } from './prediction-log/open-log-store';
import type { PredictionLogStore } from './prediction-log/store';
import { PredictionLogWriter } from './prediction-log/writer';
import { dashboardReader } from './dashboard-source';
import { ExperimentRouter } from './experiment-router';
import { openSharedStores, parseStoreConfig, type ArtifactStore } from '../storage';
import type { PredictionRouter } from './routing';

/** How a cluster worker reaches its siblings through the primary. */
export interface ClusterLink {
  readonly workerId: string;
  /** Asks every worker (this one included) to reload; resolves with their results. */
  readonly reloadAll: () => Promise<ReloadReport>;
  /** The whole cluster's metrics text. */
  readonly clusterMetrics: () => Promise<string>;
}

/** Extra parts of a server process. */
export interface StartServerOptions {
  readonly cluster?: ClusterLink;
  /** @default the files in `config.predictionLogDir`, or with MLOPS_STORE=s3://… the bucket's `predictions/` */
  readonly predictionLogStore?: PredictionLogStore;
  /** @default an {@link ExperimentRouter} on `models/routing.json` */
  readonly router?: PredictionRouter;
  /**
   * @default the project's registry as configured: `config.modelsDir`, or with
   * MLOPS_STORE=s3://… the bucket's pointers and versions, cached in `config.modelsDir`
   */
  readonly registry?: ModelRegistry;
  /**
   * Where `GET /dashboard` reads the monitoring dashboard from.
   * @default with MLOPS_STORE=s3://… the bucket's `reports/`; otherwise the file at `config.dashboardPath`
   */
  readonly reportsStore?: ArtifactStore;
}

/** A running server process. */
export interface RunningServer {
  /** `http://host:port` it listens on. */
  readonly url: string;
  readonly models: ModelManager;
  readonly metrics: ServingMetrics;
  readonly predictionLog: PredictionLogWriter;
  /** Chooses the version per request (re-reads the routing table on every poll and reload). */
  readonly router: PredictionRouter;
  /** Stops taking requests, waits for those in flight, flushes the prediction log. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts a server process.
 *
 * @throws when the port cannot be bound or no TensorFlow.js backend starts
 */
export async function startServer(
  config: ServingConfig,
  logger: AppLogger,
  options: StartServerOptions = {},
): Promise<RunningServer> {
  const metrics = createServingMetrics(options.cluster ? { worker: options.cluster.workerId } : {});
  const backend = await initTensorflowBackend(logger);
  metrics.backend.set({ backend }, 1);
  const shared = openSharedStores(parseStoreConfig());
  const registry = options.registry ?? openProjectRegistry(config.modelsDir);
  const models = new ModelManager({
    registry,
    metrics,
    logger,
    cacheSize: config.cacheSize,
  });
  const startup = await models.reload('startup');
  if (startup.production === null) {
    logger.warn(
      { modelsDir: config.modelsDir, refused: startup.refused ?? null },
      'no production model to serve yet: predictions answer 503 until a promotion (the poll picks it up)',
    );
  }
  const predictionLog = new PredictionLogWriter({
    store:
      options.predictionLogStore ?? openPredictionLogStore(config.predictionLogDir, config.instance, shared),
    metrics,
    logger,
    flushIntervalMs: config.flushIntervalMs,
    maxBufferedEntries: config.maxBufferedLogEntries,
  });
  // Outcomes are checked against the stored log: flush this process's buffer first, so a
  // prediction made a moment ago is found.
  const predictionIds = new PredictionIdIndex(
    options.predictionLogStore ?? openPredictionLogStore(config.predictionLogDir, undefined, shared),
    {
      beforeLookup: () => predictionLog.flush(),
    },
  );
  let accepting = true;
  const router = options.router ?? new ExperimentRouter(config.modelsDir, logger, shared?.models);
  await router.refresh?.();
  const localReload = async (): Promise<ReloadReport> => {
    const result = await models.reload('notify');
    await router.refresh?.();
    return { results: [result] };
  };
  const deps: ServingAppDeps = {
    config,
    models,
    predictionLog,
    metrics,
    apiKeys: new BearerTokens(config.apiKeys),
    adminKeys: new BearerTokens(config.adminKeys),
    reload: options.cluster?.reloadAll ?? localReload,
    ...(options.cluster ? { metricsText: options.cluster.clusterMetrics } : {}),
    router,
    isAccepting: () => accepting,
    explanations: new ServingExplanations({
      registry,
      snapshotsDir: config.snapshotsDir,
      budgetMs: config.explainBudgetMs,
    }),
    logger,
    monitoring: {
      outcomes: openOutcomeStore(config.outcomesDir, shared),
      knownIds: predictionIds.known,
      readDashboard: dashboardReader(config.dashboardPath, options.reportsStore ?? shared?.reports),
    },
  };
  const app = buildServingApp(deps);
  const url = await app.listen({ port: config.port, host: config.host });
  const poll = setInterval(
    () => void models.reload('poll').then(() => router.refresh?.()),
    config.pollIntervalMs,
  );
  poll.unref();
  logger.info(
    { url, production: models.productionVersion ?? null, backend, predictionLog: config.predictionLogDir },
    `serving model "${SERVED_MODEL_NAME}" on ${url}`,
  );

  let closing: Promise<void> | undefined;
  return {
    url,
    models,
    metrics,
    predictionLog,
    router,
    close() {
      closing ??= (async () => {
        accepting = false;
        clearInterval(poll);
        await app.close(); // waits for requests in flight
        await predictionLog.close();
        models.close();
        logger.info({ url }, 'server stopped: requests drained, prediction log flushed');
      })();
      return closing;
    },
  };
}

/** Reload handler for a cluster worker asked by the primary. */
export async function reloadForCluster(server: RunningServer, workerId: string) {
  const result = await server.models.reload('notify');
  await server.router.refresh?.();
  return { ...result, worker: workerId };
}
