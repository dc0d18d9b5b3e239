import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { freePort } from '../../bench/lib/free-port';
import { createS3Client, type S3StoreConfig } from '../../src/storage';
import { venvToolBinary } from './venv-tool';

/** The pin `npm test` installs (scripts/test.sh); moto 5.2.5 enforces If-None-Match / If-Match on PutObject. */
export const MOTO_REQUIREMENT = 'moto[server]==5.2.5';

/** Credentials moto accepts (it checks none unless started with `authAfter`). */
export const MOTO_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' } as const;

/** The same, as the SDK takes them. */
export const MOTO_SDK_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' } as const;

/** A real moto S3 server (`moto_server`, in memory) on loopback. */
export interface MotoServer {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  readonly port: number;
  /** The environment that points the pipeline at `s3://<bucket>/<prefix>` on this server. */
  storeEnv(bucket: string, prefix?: string): Record<string, string>;
  /** The parsed store config for `s3://<bucket>/<prefix>` on this server. */
  storeConfig(bucket: string, prefix?: string): S3StoreConfig;
  /** Creates a bucket. */
  createBucket(bucket: string): Promise<void>;
  /** The server's recent output, for failure messages. */
  output(): string;
  /** Stops the server. */
  stop(): Promise<void>;
}

/**
 * The moto server binary in .tools/moto (or MOTO_SERVER_BIN).
 *
 * @throws Error saying how to install it when it is missing
 */
export function motoServerBinary(): string {
  return venvToolBinary({
    venv: 'moto',
    program: 'moto_server',
    requirement: MOTO_REQUIREMENT,
    overrideVariable: 'MOTO_SERVER_BIN',
  });
}

/**
 * moto_server in one thread. moto 5.2.5 serves requests on threads and checks
 * a PutObject's If-Match / If-None-Match in a separate step from the write, so
 * two racing conditional writes can both succeed (seen: a lost run-record
 * update under ~20 concurrent writers); S3 and MinIO make the check and the
 * write one step. Run on one thread, moto handles one request at a time and a
 * conditional write is atomic as on the real services. Falls back to the
 * threaded server when the script's interpreter cannot be read from its `#!` line.
 */
function serialMotoCommand(binary: string, args: string[]): [string, string[]] {
  const shebang = readFileSync(binary, 'utf8').split('\n', 1)[0] ?? '';
  const python = /^#!\s*(\S*python[0-9.]*)\s*$/.exec(shebang)?.[1];
  if (!python) return [binary, args];
  const script = [
    'import sys, moto.server as s',
    'from werkzeug.serving import run_simple',
    "s.run_simple = lambda *a, **k: run_simple(*a, **{**k, 'threaded': False})",
    's.main(sys.argv[1:])',
  ].join('\n');
  return [python, ['-c', script, ...args]];
}

/**
 * Starts `moto_server` and waits until it answers HTTP.
 *
 * @param options.authAfter - check credentials (moto's IAM emulation) after this
 *   many requests; the requests before (e.g. creating a bucket) pass unchecked.
 *   Unset: moto accepts any credentials.
 */
export async function startMotoServer(
  options: { authAfter?: number; timeoutMs?: number } = {},
): Promise<MotoServer> {
  const binary = motoServerBinary();
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  let output = '';
  const [command, args] = serialMotoCommand(binary, ['-H', '127.0.0.1', '-p', String(port)]);
  const child: ChildProcess = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PYTHONUNBUFFERED: '1',
      ...(options.authAfter === undefined ? {} : { INITIAL_NO_AUTH_ACTION_COUNT: String(options.authAfter) }),
    },
  });
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
    if (exited === undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(timer);
    }
  };
  const storeConfig = (bucket: string, prefix = ''): S3StoreConfig => ({
    kind: 's3',
    bucket,
    prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`,
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
  });
  const server: MotoServer = {
    endpoint,
    port,
    storeEnv: (bucket, prefix = '') => ({
      ...MOTO_CREDENTIALS,
      MLOPS_STORE: `s3://${bucket}${prefix ? `/${prefix}` : ''}`,
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: 'us-east-1',
    }),
    storeConfig,
    createBucket: async (bucket) => {
      const client = createS3Client(storeConfig(bucket), { credentials: MOTO_SDK_CREDENTIALS });
      try {
        await client.send(new CreateBucketCommand({ Bucket: bucket }));
      } finally {
        client.destroy();
      }
    },
    output: () => output,
    stop,
  };
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (exited !== undefined)
      throw new Error(`moto_server exited with code ${exited} before answering:\n${output}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      return server;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  await stop();
  throw new Error(
    `moto_server on ${endpoint} did not answer within ${options.timeoutMs ?? 60_000} ms:\n${output}`,
  );
}
