import { Client, Connection } from '@temporalio/client';
import { temporalConnectOptions, temporalConnectionFromEnv } from '../src/config/temporal';
import { CliError } from './errors';

/**
 * Connects a Temporal client using the same environment variables as the
 * `temporal` CLI (`TEMPORAL_ADDRESS`, `TEMPORAL_NAMESPACE`, `TEMPORAL_API_KEY`,
 * `TEMPORAL_TLS`). The caller closes `client.connection` when done.
 */
export async function connectClient(env: NodeJS.ProcessEnv = process.env): Promise<Client> {
  const config = temporalConnectionFromEnv(env);
  const connection = await Connection.connect({
    ...temporalConnectOptions(config),
    connectTimeout: '10s',
  }).catch((error: unknown) => {
    throw new CliError(
      `Cannot reach the Temporal server at ${config.address} (TEMPORAL_ADDRESS): ${(error as Error).message}`,
    );
  });
  return new Client({ connection, namespace: config.namespace });
}

/** Runs `fn` with a connected client and always closes the connection. */
export async function withClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = await connectClient();
  try {
    return await fn(client);
  } finally {
    await client.connection.close();
  }
}
