import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../bench/lib/free-port';
import { venvToolBinary } from './venv-tool';

/** A real `mlflow server` (sqlite backend, proxied artifacts) in a temp folder, on loopback. */
export interface MlflowServer {
  /** Tracking URI, e.g. `http://127.0.0.1:5123`. */
  readonly url: string;
  readonly port: number;
  /** The server's recent output, for failure messages. */
  output(): string;
  /** Stops the server (its whole process group) and removes its folder. */
  stop(): Promise<void>;
}

/**
 * The pinned mlflow that `npm test` installs into .tools/mlflow (or MLFLOW_BIN).
 *
 * @throws Error saying how to install it when it is missing
 */
export function mlflowBinary(): string {
  return venvToolBinary({
    venv: 'mlflow',
    program: 'mlflow',
    requirement: 'mlflow==3.17.2',
    overrideVariable: 'MLFLOW_BIN',
  });
}

/**
 * Starts `mlflow server` and waits until `GET /health` answers. The server's
 * background job runner is switched off (MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false):
 * it is not needed for tracking and the registry, and it starts half a dozen processes.
 *
 * @param options.port - listen here (e.g. a port a test pointed a worker at while it was closed)
 */
export async function startMlflowServer(
  options: { port?: number; timeoutMs?: number } = {},
): Promise<MlflowServer> {
  const binary = mlflowBinary();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'legalaid-mlflow-'));
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    binary,
    [
      'server',
      '--backend-store-uri',
      `sqlite:///${path.join(dir, 'mlflow.db')}`,
      '--artifacts-destination',
      path.join(dir, 'artifacts'),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--workers',
      '1',
    ],
    {
      cwd: dir,
      detached: true, // its own process group: stop() ends the server and the uvicorn it starts
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false', PYTHONUNBUFFERED: '1' },
    },
  );
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = code;
      resolve();
    }),
  );

  const stop = async () => {
    if (exited === undefined && child.pid !== undefined) {
      signalGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => child.pid !== undefined && signalGroup(child.pid, 'SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
      signalGroup(child.pid, 'SIGKILL'); // whatever of the group outlived its leader
    }
    await fs.rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      await stop();
      throw new Error(`mlflow server exited with code ${exited} before it was healthy:\n${output}`);
    }
    if (await healthy(url)) return { url, port, output: () => output, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`mlflow server on ${url} not healthy within ${options.timeoutMs ?? 90_000} ms:\n${output}`);
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
