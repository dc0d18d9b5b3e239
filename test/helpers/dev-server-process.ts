/**
 * A Temporal dev server (`temporal server start-dev`) run by the test itself as
 * a child process, on a SQLite file and a fixed port, so the test can kill it
 * and start it again on the same state and address, as an operator restarting
 * the server would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { findTemporalBinary } from '../../temporal/binaries';
import { devServerSearchAttributeFlags } from '../../temporal/search-attributes';
import { freePort } from '../../bench/lib/free-port';
import { PROJECT_ROOT } from './temporal-servers';

/** A restartable dev server. */
export interface DevServerProcess {
  /** `127.0.0.1:<port>`, the same across restarts. */
  readonly address: string;
  readonly dbFile: string;
  /** The running server process (a new one after each restart). */
  readonly process: ChildProcess;
  /** Stops the server with `signal` and waits for the process to exit; resolves to how it ended. */
  stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Starts a new server process on the same SQLite file and port, and waits until it answers. */
  start(): Promise<void>;
}

async function waitUntilServing(address: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`temporal server exited (${child.exitCode ?? child.signalCode}) before serving`);
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: 'default' });
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(
    `temporal server at ${address} did not answer within ${timeoutMs} ms: ${String(lastError)}`,
  );
}

/** Starts a dev server storing its state in `dbFile`, headless, on a free port. */
export async function startDevServerProcess(dbFile: string): Promise<DevServerProcess> {
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const binary = findTemporalBinary('temporal', PROJECT_ROOT);
  const args = [
    ...['server', 'start-dev', '--db-filename', dbFile, '--ip', '127.0.0.1', '--port', String(port)],
    ...['--headless', '--log-level', 'error', ...devServerSearchAttributeFlags()],
  ];
  let current: ChildProcess | undefined;
  const server: DevServerProcess = {
    address,
    dbFile,
    get process() {
      if (!current) throw new Error('the dev server is not started');
      return current;
    },
    async start() {
      if (current && current.exitCode === null && current.signalCode === null) {
        throw new Error('the dev server is still running');
      }
      current = spawn(binary, args, { stdio: ['ignore', 'ignore', 'inherit'] });
      await waitUntilServing(address, current);
    },
    async stop(signal) {
      const child = server.process;
      if (child.exitCode !== null || child.signalCode !== null) {
        return { code: child.exitCode, signal: child.signalCode };
      }
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.once('exit', (code, sig) => resolve({ code, signal: sig })),
      );
      child.kill(signal);
      return exited;
    },
  };
  await server.start();
  return server;
}
