import cluster from 'node:cluster';
import type { Command } from 'commander';
import { resolveProjectPaths } from '../../src/config/paths';
import { createLogger } from '../../src/logging/logger';
import { runClusterWorker, runServingCluster } from '../../src/serving/cluster';
import { resolveServingConfig, type ServingFlags } from '../../src/serving/config';
import { startServer } from '../../src/serving/server';
import { integerOption, positiveIntegerOption } from '../option-parsers';

/** Runs `stop` once on SIGTERM or SIGINT, then exits. */
function stopOnSignals(stop: () => Promise<void>, logger: ReturnType<typeof createLogger>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: draining requests and flushing the prediction log');
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: (error as Error).message }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** `serve`: answer predictions over HTTP with the production model. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'Serve the production model over HTTP: Open Inference Protocol v2, the TF Serving REST shim, ' +
        'POST /v1/match/rank and GET /metrics. Reloads when production changes (POST /admin/reload, ' +
        'and a poll of models/production); logs every prediction under --log-dir. ' +
        'Bearer tokens: SERVING_API_KEYS (prediction routes, optional), SERVING_ADMIN_KEYS (reload; default SERVING_API_KEYS).',
    )
    .option('--port <n>', 'port to listen on [SERVING_PORT] (default 8000)', integerOption)
    .option(
      '--host <address>',
      'address to bind [SERVING_HOST] (default 127.0.0.1; 0.0.0.0 for every interface)',
    )
    .option(
      '--workers <n>',
      'server processes sharing the port (node:cluster) [SERVING_WORKERS] (default 1)',
      positiveIntegerOption,
    )
    .option(
      '--log-dir <dir>',
      'prediction log folder, relative to MLOPS_HOME [SERVING_LOG_DIR] (default predictions)',
    )
    .option(
      '--flush-interval-ms <n>',
      'prediction log flush interval [SERVING_FLUSH_INTERVAL_MS] (default 1000)',
      positiveIntegerOption,
    )
    .option(
      '--poll-interval-ms <n>',
      'how often models/production is read [SERVING_POLL_INTERVAL_MS] (default 2000)',
      positiveIntegerOption,
    )
    .option(
      '--max-rows <n>',
      'rows per request, at most [SERVING_MAX_ROWS] (default 1000)',
      positiveIntegerOption,
    )
    .option(
      '--body-limit <bytes>',
      'request body size, at most [SERVING_BODY_LIMIT_BYTES] (default 1048576)',
      positiveIntegerOption,
    )
    .action(async (options: ServingFlags & { logDir?: string; bodyLimit?: number }) => {
      const { logDir, bodyLimit, ...rest } = options;
      const flags: ServingFlags = {
        ...rest,
        ...(logDir !== undefined ? { predictionLogDir: logDir } : {}),
        ...(bodyLimit !== undefined ? { bodyLimitBytes: bodyLimit } : {}),
      };
      const config = resolveServingConfig(resolveProjectPaths(), flags);
      const logger = createLogger(
        cluster.isWorker ? `serving-${process.env.SERVING_WORKER_ID ?? ''}` : 'serving',
      );
      if (config.workers > 1 && cluster.isPrimary) {
        const running = await runServingCluster(config, logger);
        stopOnSignals(() => running.close(), logger);
        return;
      }
      const server = cluster.isWorker
        ? await runClusterWorker(config, logger)
        : await startServer(config, logger);
      stopOnSignals(() => server.close(), logger);
    });
}
