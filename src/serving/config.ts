/**
 * The serving process's settings, from `serve` flags and `SERVING_*`
 * variables (a flag wins), checked with zod before anything starts.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { ProjectPaths } from '../config/paths';
import { MODEL_NAME } from '../core/model';
import { monitoringLocations } from '../monitoring/locations';
import { ServingConfigError } from './errors';

/** The model every route serves: the one this pipeline trains. */
export const SERVED_MODEL_NAME = MODEL_NAME;

/** Time budget of one rank request's explanations unless configured (SERVING_EXPLAIN_BUDGET_MS). */
export const DEFAULT_EXPLAIN_BUDGET_MS = 2000;

/** Everything a server process needs to know. */
export interface ServingConfig {
  readonly port: number;
  /** Address to bind; 127.0.0.1 unless told otherwise. */
  readonly host: string;
  /** Server processes (node:cluster workers); 1: no cluster. */
  readonly workers: number;
  readonly modelsDir: string;
  /** Folder of the prediction log. */
  readonly predictionLogDir: string;
  /** This process's name in prediction log file names. */
  readonly instance: string;
  readonly flushIntervalMs: number;
  /** How often `models/production` is read (the safety net behind notifications). */
  readonly pollIntervalMs: number;
  /** Rows per request, at most. */
  readonly maxRows: number;
  /** Request body size, at most (bytes); larger bodies get 413. */
  readonly bodyLimitBytes: number;
  /** Bearer tokens accepted on prediction routes; empty: no auth. */
  readonly apiKeys: readonly string[];
  /** Bearer tokens accepted on admin routes (reload); empty: admin routes are refused. */
  readonly adminKeys: readonly string[];
  /** Versions kept loaded, production included. */
  readonly cacheSize: number;
  /** Prediction log entries buffered at most. */
  readonly maxBufferedLogEntries: number;
  /** The outcome store `POST /v1/outcomes` writes to (MONITORING_OUTCOMES_DIR). */
  readonly outcomesDir: string;
  /** The dashboard `GET /dashboard` serves (written by the monitoring workflow). */
  readonly dashboardPath: string;
  /** Training snapshots: the backgrounds of explanations. */
  readonly snapshotsDir: string;
  /** Time budget of one rank request's explanations (ms). */
  readonly explainBudgetMs: number;
}

/** Flag values as `serve` parses them (all optional). */
export type ServingFlags = Partial<
  Pick<
    ServingConfig,
    | 'port'
    | 'host'
    | 'workers'
    | 'predictionLogDir'
    | 'flushIntervalMs'
    | 'pollIntervalMs'
    | 'maxRows'
    | 'bodyLimitBytes'
  >
>;

const keyList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k.length > 0),
  );

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  port: int(0, 65535),
  host: z.string().min(1),
  workers: int(1, 64),
  predictionLogDir: z.string().min(1),
  instance: z.string().min(1),
  flushIntervalMs: int(10, 600_000),
  pollIntervalMs: int(50, 3_600_000),
  maxRows: int(1, 100_000),
  bodyLimitBytes: int(1024, 1024 ** 3),
  apiKeys: keyList,
  adminKeys: keyList,
  cacheSize: int(1, 64),
  maxBufferedLogEntries: int(1, 10_000_000),
  explainBudgetMs: int(1, 600_000),
});

const SOURCES: Record<string, string> = {
  port: '--port / SERVING_PORT',
  host: '--host / SERVING_HOST',
  workers: '--workers / SERVING_WORKERS',
  predictionLogDir: '--log-dir / SERVING_LOG_DIR',
  instance: 'SERVING_INSTANCE',
  flushIntervalMs: '--flush-interval-ms / SERVING_FLUSH_INTERVAL_MS',
  pollIntervalMs: '--poll-interval-ms / SERVING_POLL_INTERVAL_MS',
  maxRows: '--max-rows / SERVING_MAX_ROWS',
  bodyLimitBytes: '--body-limit / SERVING_BODY_LIMIT_BYTES',
  cacheSize: 'SERVING_MODEL_CACHE',
  maxBufferedLogEntries: 'SERVING_LOG_BUFFER',
  explainBudgetMs: 'SERVING_EXPLAIN_BUDGET_MS',
};

/**
 * Resolves the settings.
 *
 * @throws ServingConfigError naming the flag or variable and the problem
 */
export function resolveServingConfig(
  paths: ProjectPaths,
  flags: ServingFlags = {},
  env: NodeJS.ProcessEnv = process.env,
): ServingConfig {
  const parsed = schema.safeParse({
    port: flags.port ?? env.SERVING_PORT ?? 8000,
    host: flags.host ?? env.SERVING_HOST ?? '127.0.0.1',
    workers: flags.workers ?? env.SERVING_WORKERS ?? 1,
    predictionLogDir: flags.predictionLogDir ?? env.SERVING_LOG_DIR ?? 'predictions',
    instance: env.SERVING_INSTANCE ?? `${os.hostname()}-${process.pid}`,
    flushIntervalMs: flags.flushIntervalMs ?? env.SERVING_FLUSH_INTERVAL_MS ?? 1000,
    pollIntervalMs: flags.pollIntervalMs ?? env.SERVING_POLL_INTERVAL_MS ?? 2000,
    maxRows: flags.maxRows ?? env.SERVING_MAX_ROWS ?? 1000,
    bodyLimitBytes: flags.bodyLimitBytes ?? env.SERVING_BODY_LIMIT_BYTES ?? 1024 * 1024,
    apiKeys: env.SERVING_API_KEYS,
    adminKeys: env.SERVING_ADMIN_KEYS ?? env.SERVING_API_KEYS,
    cacheSize: env.SERVING_MODEL_CACHE ?? 3,
    maxBufferedLogEntries: env.SERVING_LOG_BUFFER ?? 100_000,
    explainBudgetMs: env.SERVING_EXPLAIN_BUDGET_MS ?? DEFAULT_EXPLAIN_BUDGET_MS,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? '');
    throw new ServingConfigError(`${SOURCES[field] ?? field}: ${issue.message}`);
  }
  const monitoring = monitoringLocations(paths, env);
  return {
    ...parsed.data,
    modelsDir: paths.modelsDir,
    snapshotsDir: paths.snapshotsDir,
    predictionLogDir: path.resolve(paths.root, parsed.data.predictionLogDir),
    outcomesDir: monitoring.outcomesDir,
    dashboardPath: monitoring.dashboardPath,
  };
}
