/**
 * A pipeline worker as its own OS process, so tests can kill it with SIGKILL the
 * way a crashed machine would. Configured by env: TEMPORAL_ADDRESS,
 * MLOPS_HOME, WORKER_TASK_QUEUE, WORKER_ROLE, WORKER_WORKFLOW_BUNDLE (a pre-built bundle file;
 * empty: bundle at start), MLFLOW_TRACKING_URI. Prints "worker ready" once polling.
 */
import { NativeConnection, Runtime, DefaultLogger } from '@temporalio/worker';
import pino from 'pino';
import { resolveProjectPaths } from '../../src/config/paths';
import { temporalConnectOptions, temporalConnectionFromEnv } from '../../src/config/temporal';
import { createPipelineWorker, type WorkerRole } from '../../worker';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect(temporalConnectOptions(temporalConnectionFromEnv()));
  const worker = await createPipelineWorker({
    connection,
    namespace: 'default',
    paths: resolveProjectPaths(),
    logger: pino({ level: 'warn' }, pino.destination(2)),
    taskQueue: process.env.WORKER_TASK_QUEUE ?? 'test',
    role: (process.env.WORKER_ROLE ?? 'all') as WorkerRole,
    ...(process.env.WORKER_WORKFLOW_BUNDLE
      ? { workflowBundle: { codePath: process.env.WORKER_WORKFLOW_BUNDLE } }
      : {}),
  });
  const running = worker.run();
  console.log('worker ready');
  await running;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
