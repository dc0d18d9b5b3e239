/**
 * Several server processes on one port with node:cluster. Each worker is a
 * whole server: it loads, verifies and warms up versions on its own, polls
 * `models/production` on its own, and writes its own prediction log file. The
 * primary only relays: a reload notification that reaches one worker is
 * passed to every worker, and `/metrics` on any worker answers for all of
 * them (each series labelled with its `worker`).
 */
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import type { AppLogger } from '../logging/logger';
import type { ServingConfig } from './config';
import type { ReloadReport } from './http/context';
import type { ReloadResult } from './models/model-manager';
import { reloadForCluster, startServer, type RunningServer } from './server';

const TAG = 'legalaid-serving';

type Message =
  | { tag: typeof TAG; type: 'reload-all' | 'metrics-all'; id: number }
  | { tag: typeof TAG; type: 'reload' | 'metrics'; id: number }
  | { tag: typeof TAG; type: 'reload-result'; id: number; result: ReloadResult & { worker: string } }
  | { tag: typeof TAG; type: 'metrics-result'; id: number; json: object[] }
  | { tag: typeof TAG; type: 'reload-all-result'; id: number; report: ReloadReport }
  | { tag: typeof TAG; type: 'metrics-all-result'; id: number; text: string };

const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && (value as { tag?: unknown }).tag === TAG;

/** How long the primary waits for every worker's answer. */
const RELAY_TIMEOUT_MS = 30_000;

/** Asks every live worker and gathers their answers (missing ones are left out after the timeout). */
function gather<T>(type: 'reload' | 'metrics', pick: (m: Message) => T | undefined): Promise<T[]> {
  const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w?.isConnected() ?? false);
  const id = Math.floor(Math.random() * 2 ** 31);
  return new Promise((resolve) => {
    const answers: T[] = [];
    const listeners: [Worker, (m: unknown) => void][] = [];
    const finish = () => {
      clearTimeout(timer);
      for (const [worker, listener] of listeners) worker.off('message', listener);
      resolve(answers);
    };
    const timer = setTimeout(finish, RELAY_TIMEOUT_MS);
    if (workers.length === 0) finish();
    for (const worker of workers) {
      const listener = (message: unknown) => {
        if (!isMessage(message) || message.id !== id) return;
        const answer = pick(message);
        if (answer === undefined) return;
        answers.push(answer);
        if (answers.length === workers.length) finish();
      };
      worker.on('message', listener);
      listeners.push([worker, listener]);
      worker.send({ tag: TAG, type, id });
    }
  });
}

/** A running cluster, seen from the primary. */
export interface ServingCluster {
  /** Stops every worker (each drains and flushes), then resolves. */
  close(): Promise<void>;
}

/**
 * Forks `config.workers` server processes and relays between them. Call in the
 * primary; the same program must call {@link runClusterWorker} in workers.
 */
export async function runServingCluster(config: ServingConfig, logger: AppLogger): Promise<ServingCluster> {
  let stopping = false;
  const fork = (index: number) => {
    const worker = cluster.fork({ SERVING_WORKER_ID: String(index) });
    worker.on('message', (message: unknown) => {
      if (!isMessage(message)) return;
      if (message.type === 'reload-all') {
        void gather('reload', (m) => (m.type === 'reload-result' ? m.result : undefined)).then((results) =>
          worker.send({ tag: TAG, type: 'reload-all-result', id: message.id, report: { results } }),
        );
      } else if (message.type === 'metrics-all') {
        void gather('metrics', (m) => (m.type === 'metrics-result' ? m.json : undefined))
          .then((all) => AggregatorRegistry.aggregate(all).metrics())
          .then((text) => worker.send({ tag: TAG, type: 'metrics-all-result', id: message.id, text }));
      }
    });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      logger.error({ worker: index, code, signal }, 'serving worker died; starting another');
      fork(index);
    });
    return worker;
  };
  const workers = Array.from({ length: config.workers }, (_, i) => fork(i + 1));
  await Promise.all(workers.map((w) => new Promise<void>((resolve) => w.once('listening', () => resolve()))));
  logger.info({ workers: config.workers, port: config.port }, `${config.workers} serving workers listening`);
  return {
    async close() {
      stopping = true;
      const live = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
      await Promise.all(
        live.map(
          (w) =>
            new Promise<void>((resolve) => {
              w.once('exit', () => resolve());
              w.process.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

/** Starts this worker's server and answers the primary's relayed requests. */
export async function runClusterWorker(config: ServingConfig, logger: AppLogger): Promise<RunningServer> {
  const workerId = process.env.SERVING_WORKER_ID ?? String(cluster.worker?.id ?? 0);
  let nextId = 1;
  const ask = <T>(type: 'reload-all' | 'metrics-all', pick: (m: Message) => T | undefined): Promise<T> => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        process.off('message', listener);
        reject(new Error(`the cluster primary did not answer ${type} in time`));
      }, RELAY_TIMEOUT_MS + 5000);
      const listener = (message: unknown) => {
        if (!isMessage(message) || message.id !== id) return;
        const answer = pick(message);
        if (answer === undefined) return;
        clearTimeout(timer);
        process.off('message', listener);
        resolve(answer);
      };
      process.on('message', listener);
      process.send!({ tag: TAG, type, id });
    });
  };
  const server = await startServer({ ...config, instance: `${config.instance}-w${workerId}` }, logger, {
    cluster: {
      workerId,
      reloadAll: () => ask('reload-all', (m) => (m.type === 'reload-all-result' ? m.report : undefined)),
      clusterMetrics: () => ask('metrics-all', (m) => (m.type === 'metrics-all-result' ? m.text : undefined)),
    },
  });
  process.on('message', (message: unknown) => {
    if (!isMessage(message)) return;
    if (message.type === 'reload') {
      void reloadForCluster(server, workerId).then((result) =>
        process.send!({ tag: TAG, type: 'reload-result', id: message.id, result }),
      );
    } else if (message.type === 'metrics') {
      void server.metrics.registry
        .getMetricsAsJSON()
        .then((json) => process.send!({ tag: TAG, type: 'metrics-result', id: message.id, json }));
    }
  });
  return server;
}
