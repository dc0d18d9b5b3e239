/** Task queue that the pipeline's worker polls, unless `MLOPS_TASK_QUEUE` names another. */
export const TASK_QUEUE = 'legalaid-mlops';

/**
 * The task queue of training activities: `MLOPS_TRAINING_TASK_QUEUE`, or the main
 * queue when unset (one worker does everything).
 */
export function trainingTaskQueueFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.MLOPS_TRAINING_TASK_QUEUE?.trim() || taskQueueFromEnv(env);
}

/** The task queue from `MLOPS_TASK_QUEUE`, default {@link TASK_QUEUE}. Worker and CLI must agree. */
export function taskQueueFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.MLOPS_TASK_QUEUE?.trim() || TASK_QUEUE;
}

/** How to reach the Temporal server. */
export interface TemporalConnectionConfig {
  /** host:port of the frontend. @default 'localhost:7233' */
  readonly address: string;
  /** @default 'default' */
  readonly namespace: string;
  /** API key for Temporal Cloud; enables TLS when set. */
  readonly apiKey?: string;
  /** Turns TLS on without an API key (mTLS setups configure certificates in code). */
  readonly tls: boolean;
}

/**
 * Reads the connection settings the `temporal` CLI also understands:
 * `TEMPORAL_ADDRESS`, `TEMPORAL_NAMESPACE`, `TEMPORAL_API_KEY`, `TEMPORAL_TLS`.
 */
export function temporalConnectionFromEnv(env: NodeJS.ProcessEnv = process.env): TemporalConnectionConfig {
  const apiKey = env.TEMPORAL_API_KEY?.trim() || undefined;
  return {
    address: env.TEMPORAL_ADDRESS?.trim() || 'localhost:7233',
    namespace: env.TEMPORAL_NAMESPACE?.trim() || 'default',
    ...(apiKey ? { apiKey } : {}),
    tls: apiKey !== undefined || env.TEMPORAL_TLS === 'true',
  };
}

/**
 * What `Connection.connect` (client) and `NativeConnection.connect` (worker) both
 * take to reach the server in `config`: one builder, so the CLI, the worker and
 * the tests cannot drift apart on TLS or API-key handling.
 */
export interface TemporalConnectOptions {
  readonly address: string;
  /** `true` turns on TLS with the system's root certificates. */
  readonly tls?: true;
  readonly apiKey?: string;
}

/** The connect options for `config` (see {@link TemporalConnectOptions}). */
export function temporalConnectOptions(config: TemporalConnectionConfig): TemporalConnectOptions {
  return {
    address: config.address,
    ...(config.tls ? { tls: true } : {}),
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
  };
}
