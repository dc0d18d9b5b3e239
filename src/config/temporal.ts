/** Task queue that the pipeline's worker polls. */
export const TASK_QUEUE = 'legalaid-mlops';

/** The model this pipeline trains; workflow IDs and locks are scoped by it. */
export const MODEL_NAME = 'matchmaking';

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
