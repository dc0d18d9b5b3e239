/**
 * A machine's cache of model versions, bounded in bytes (MLOPS_MODEL_CACHE_MAX_BYTES),
 * against a real moto server: past the bound the least recently used version
 * goes, production and previous stay, a version being read stays, and an
 * evicted version is downloaded again — verified against its manifest.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ModelRegistry, promoteVersion } from '../../src/registry';
import { publishFakeVersion } from '../../src/registry/registry.fixture';
import {
  createS3Client,
  openS3Store,
  sha256Hex,
  StoreErrorCode,
  type ArtifactStore,
} from '../../src/storage';
import { MOTO_SDK_CREDENTIALS, startMotoServer, type MotoServer } from '../helpers/moto-server';

const BUCKET = 'version-cache';
const V1 = 'v20261101-030000-aaaaaaaa';
const V2 = 'v20261102-030000-bbbbbbbb';
const V3 = 'v20261103-030000-cccccccc';
const V4 = 'v20261104-030000-dddddddd';

let moto: MotoServer;
const dirs: string[] = [];
let counter = 0;

beforeAll(async () => {
  moto = await startMotoServer();
  await moto.createBucket(BUCKET);
}, 90_000);

afterAll(async () => {
  await moto?.stop();
  await Promise.all(dirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'legalaid-vcache-'));
  dirs.push(dir);
  return dir;
}

/**
 * A trainer machine that published V1..V4 and promoted V1 then V2 (so V2 is
 * production, V1 previous), and a way to open other machines on the same prefix.
 */
async function bucketWithFourVersions(): Promise<{
  store: ArtifactStore;
  machine: (cacheMaxBytes?: number) => Promise<ModelRegistry>;
}> {
  const store = openS3Store(moto.storeConfig(BUCKET, `team-${++counter}/models`), {
    credentials: MOTO_SDK_CREDENTIALS,
  });
  const machine = async (cacheMaxBytes?: number) =>
    new ModelRegistry(path.join(await tempDir(), 'models'), {
      store,
      ...(cacheMaxBytes !== undefined ? { cacheMaxBytes } : {}),
    });
  const trainer = await machine();
  for (const version of [V1, V2, V3, V4]) await publishFakeVersion(trainer, version);
  await promoteVersion(trainer, V1, undefined);
  await promoteVersion(trainer, V2, V1);
  return { store, machine };
}

async function present(registry: ModelRegistry, version: string): Promise<boolean> {
  return fs.access(registry.layout.versionFile(version, 'manifest')).then(
    () => true,
    () => false,
  );
}

async function versionBytes(registry: ModelRegistry, version: string): Promise<number> {
  const dir = registry.layout.versionDir(version);
  let total = 0;
  for (const name of await fs.readdir(dir)) total += (await fs.stat(path.join(dir, name))).size;
  return total;
}

/** Waits past the file system's timestamp granularity, so uses are ordered by mtime. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 15));

describe('the bounded cache of model versions', () => {
  it('evicts the least recently used version past the bound, keeps production and previous, re-downloads on use', async () => {
    const { machine } = await bucketWithFourVersions();
    const probe = await machine();
    await probe.verifiedVersionDir(V3);
    // Room for three fake versions (they differ by a few bytes at most), not four.
    const bound = Math.floor((await versionBytes(probe, V3)) * 3.5);
    const server = await machine(bound);
    for (const version of [V1, V2, V3]) {
      await server.verifiedVersionDir(version);
      await tick();
    }
    expect(await Promise.all([V1, V2, V3].map((v) => present(server, v)))).toEqual([true, true, true]);
    // A fourth pushes past the bound: the LRU non-pointer version (V3) goes, not V1 (previous, older) nor V2 (production).
    await server.verifiedVersionDir(V4);
    expect(await present(server, V1)).toBe(true);
    expect(await present(server, V2)).toBe(true);
    expect(await present(server, V3)).toBe(false);
    expect(await present(server, V4)).toBe(true);
    await tick();
    // The evicted version is fetched again (and V4, now least recently used, makes room).
    const dir = await server.verifiedVersionDir(V3);
    expect(JSON.parse(await fs.readFile(path.join(dir, 'model.json'), 'utf8'))).toEqual({ version: V3 });
    expect(await present(server, V4)).toBe(false);
    expect(await present(server, V2)).toBe(true);
  });

  it('verifies a re-download: a version damaged in the bucket after eviction is refused, naming the object', async () => {
    const { store, machine } = await bucketWithFourVersions();
    const server = await machine(1); // a bound below any version: everything evictable goes
    await server.verifiedVersionDir(V3);
    await server.verifiedVersionDir(V4);
    expect(await present(server, V3)).toBe(false);
    const client = createS3Client(moto.storeConfig(BUCKET), { credentials: MOTO_SDK_CREDENTIALS });
    const prefix = store.location.slice(`s3://${BUCKET}/`.length);
    const forged = Buffer.from('forged weights');
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: `${prefix}versions/${V3}/weights.bin`,
        Body: forged,
        Metadata: { sha256: sha256Hex(forged) },
      }),
    );
    client.destroy();
    await expect(server.verifiedVersionDir(V3)).rejects.toMatchObject({
      code: StoreErrorCode.Corrupted,
      message: expect.stringContaining(`object "versions/${V3}/weights.bin"`) as string,
    });
    expect(await present(server, V3)).toBe(false);
  });

  it('never evicts a version another reader on the machine holds, and ignores the lease of a dead process', async () => {
    const { machine } = await bucketWithFourVersions();
    const server = await machine(1);
    // Another process on this machine (same folder) reads V3 while this one downloads V4 and evicts.
    const sameFolder = new ModelRegistry(server.layout.root, {
      store: server.store!,
      cacheMaxBytes: 1,
    });
    await sameFolder.withVersionDir(V3, async (dir) => {
      await server.verifiedVersionDir(V4);
      await server.verifiedVersionDir(V1);
      expect(await fs.readFile(path.join(dir, 'model.json'), 'utf8')).toBe(JSON.stringify({ version: V3 }));
    });
    expect(await present(server, V3)).toBe(true);
    expect(await present(server, V4)).toBe(false);
    // A lease left behind by a process that died does not pin the version.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const leases = path.join(server.layout.root, '.version-cache', 'in-use');
    await fs.writeFile(path.join(leases, `${V3}~${dead}~abcdef`), os.hostname());
    await server.verifiedVersionDir(V4);
    expect(await present(server, V3)).toBe(false);
    expect(await fs.readdir(leases)).toEqual([]);
  });

  it('leaves the cache unbounded without a bound', async () => {
    const { machine } = await bucketWithFourVersions();
    const server = await machine();
    for (const version of [V1, V2, V3, V4]) await server.verifiedVersionDir(version);
    expect(await server.evictCachedVersions()).toEqual([]);
    expect(await Promise.all([V1, V2, V3, V4].map((v) => present(server, v)))).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });
});
