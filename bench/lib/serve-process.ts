/**
 * `npm run cli -- serve` as its own OS process (from the TypeScript sources),
 * for the hot-swap test and the serving bench (several server processes, a
 * real SIGTERM, load from another process).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const PROJECT_ROOT = path.resolve(__dirname, '../..');

/** A running `serve` process. */
export interface ServeProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** stderr so far (the pino log). */
  log(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `serve` in `projectRoot` with `args` and waits until /v2/health/ready
 * answers 200 and, when given, `readyLog` appears in its log (a cluster is
 * ready when every worker listens, not when the first one does).
 */
export async function startServeProcess(
  projectRoot: string,
  port: number,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  readyLog?: string,
  timeoutMs = 120_000,
): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('tsx/cjs'),
      path.join(PROJECT_ROOT, 'client/cli.ts'),
      'serve',
      '--port',
      String(port),
      ...args,
    ],
    {
      cwd: projectRoot,
      env: { ...process.env, MLOPS_HOME: projectRoot, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}:\n${stderr}`);
    try {
      const ready = (await fetch(`${url}/v2/health/ready`)).status === 200;
      if (ready && (readyLog === undefined || stderr.includes(readyLog))) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`serve did not get ready within ${timeoutMs} ms:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    child,
    log: () => stderr,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
