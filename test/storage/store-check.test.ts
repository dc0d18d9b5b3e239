/**
 * A store that cannot work is reported at start with what to fix: the check
 * itself against a real moto server, and the worker, the server and the CLI
 * refusing to start with it.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../bench/lib/free-port';
import { checkArtifactStore, openS3Store, PROBE_PREFIX, StoreErrorCode } from '../../src/storage';
import { startHeaderStrippingProxy } from '../helpers/header-stripping-proxy';
import { MOTO_SDK_CREDENTIALS, startMotoServer, type MotoServer } from '../helpers/moto-server';
import { PROJECT_ROOT } from '../helpers/temporal-servers';

const execFileAsync = promisify(execFile);

let moto: MotoServer;

beforeAll(async () => {
  moto = await startMotoServer();
  await moto.createBucket('artifacts');
}, 90_000);

afterAll(async () => {
  await moto?.stop();
});

const store = (config: ReturnType<MotoServer['storeConfig']>) =>
  openS3Store(config, { credentials: MOTO_SDK_CREDENTIALS, maxAttempts: 2 });

describe('the start-up check of an S3 store', () => {
  it('passes on a bucket that honours conditional writes, and leaves no scratch object', async () => {
    const good = store(moto.storeConfig('artifacts', 'team'));
    await checkArtifactStore(good);
    expect(await good.list(PROBE_PREFIX)).toEqual([]);
  });

  it('names a missing bucket and says to create it', async () => {
    await expect(checkArtifactStore(store(moto.storeConfig('no-such-bucket')))).rejects.toMatchObject({
      code: StoreErrorCode.Misconfigured,
      message: expect.stringMatching(
        /bucket "no-such-bucket" does not exist at http:\/\/127\.0\.0\.1:\d+: create it/,
      ) as string,
    });
  });

  it('names an unreachable endpoint and the variable to fix', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    await expect(
      checkArtifactStore(store({ ...moto.storeConfig('artifacts'), endpoint: closed })),
    ).rejects.toMatchObject({
      code: StoreErrorCode.Misconfigured,
      message: expect.stringContaining(
        `cannot reach the S3 endpoint ${closed} (ECONNREFUSED): check AWS_ENDPOINT_URL`,
      ) as string,
    });
  });

  it('refuses a store that ignores If-None-Match, before anything relies on it', async () => {
    const proxy = await startHeaderStrippingProxy(moto.endpoint);
    try {
      await expect(
        checkArtifactStore(store({ ...moto.storeConfig('artifacts'), endpoint: proxy.endpoint })),
      ).rejects.toMatchObject({
        code: StoreErrorCode.Misconfigured,
        message: expect.stringContaining(
          'the store ignored If-None-Match: it does not support conditional writes',
        ) as string,
      });
    } finally {
      await proxy.close();
    }
  });

  it('names refused credentials', async () => {
    // moto checks credentials after the first request (which creates the bucket).
    const strict = await startMotoServer({ authAfter: 1 });
    try {
      await strict.createBucket('locked');
      const wrong = openS3Store(strict.storeConfig('locked'), {
        credentials: { accessKeyId: 'AKIAWRONGWRONGWRONG1', secretAccessKey: 'wrong' },
        maxAttempts: 1,
      });
      await expect(checkArtifactStore(wrong)).rejects.toMatchObject({
        code: StoreErrorCode.Misconfigured,
        message: expect.stringContaining(
          'refused the credentials for bucket "locked" (InvalidAccessKeyId)',
        ) as string,
      });
    } finally {
      await strict.stop();
    }
  }, 90_000);
});

describe('processes started with a store that cannot work', () => {
  let home: string;
  beforeAll(async () => {
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'legalaid-store-check-'));
  });
  afterAll(async () => {
    await fs.rm(home, { recursive: true, force: true });
  });

  /** Runs a project entry point with tsx and resolves with its exit code and stderr. */
  async function run(entry: string, args: string[], env: Record<string, string>) {
    const outcome = await execFileAsync(
      process.execPath,
      ['--require', require.resolve('tsx/cjs'), path.join(PROJECT_ROOT, entry), ...args],
      {
        cwd: home,
        // A Temporal address nobody listens on: the store must be refused before any connection.
        env: { ...process.env, MLOPS_HOME: home, TEMPORAL_ADDRESS: '127.0.0.1:1', ...env },
        timeout: 90_000,
      },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    return outcome;
  }

  it.each<[string, string, string[]]>([
    ['the worker', 'worker.ts', []],
    ['the server', 'client/cli.ts', ['serve', '--port', '0']],
    ['the CLI', 'client/cli.ts', ['models', 'list']],
  ])(
    '%s exits at start naming the missing bucket',
    async (_who, entry, args) => {
      const { code, stderr } = await run(entry, args, moto.storeEnv('missing-bucket', 'team'));
      expect(code).not.toBe(0);
      expect(stderr).toContain('bucket "missing-bucket" does not exist');
      expect(stderr).toContain('create it');
    },
    120_000,
  );

  it('a malformed MLOPS_STORE is named with the form it should have', async () => {
    const { code, stderr } = await run('worker.ts', [], { MLOPS_STORE: 'bucket/prefix' });
    expect(code).not.toBe(0);
    expect(stderr).toContain(
      'MLOPS_STORE="bucket/prefix" is not a store URI: expected s3://bucket or s3://bucket/prefix',
    );
  }, 120_000);
});
