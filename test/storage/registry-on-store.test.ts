/**
 * The model registry kept in a bucket (a real moto server): versions published
 * on one machine are loaded on another with no shared folder, the production
 * pointers switch with conditional writes so two promoters never both win, a
 * crash leaves production whole, and the retrain lock lets one holder in.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import {
  ModelRegistry,
  promoteVersion,
  readSwitchHistory,
  RegistryErrorCode,
  rollbackProduction,
  type LockHolder,
} from '../../src/registry';
import {
  acquireStoreModelLock,
  readStoreModelLockHolder,
  releaseStoreModelLock,
} from '../../src/registry/on-store/model-lock';
import { publishFakeVersion } from '../../src/registry/registry.fixture';
import {
  createS3Client,
  openS3Store,
  sha256Hex,
  StoreErrorCode,
  type ArtifactStore,
} from '../../src/storage';
import { MOTO_SDK_CREDENTIALS, startMotoServer, type MotoServer } from '../helpers/moto-server';

const BUCKET = 'registry';
const V1 = 'v20261101-030000-aaaaaaaa';
const V2 = 'v20261128-133600-bbbbbbbb';
const V3 = 'v20261129-090000-cccccccc';

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

/** A fresh bucket prefix, and a way to open a "machine": its own empty folder on that prefix. */
function freshRegistryPrefix(): { store: ArtifactStore; machine: () => Promise<ModelRegistry> } {
  const store = openS3Store(moto.storeConfig(BUCKET, `team-${++counter}/models`), {
    credentials: MOTO_SDK_CREDENTIALS,
  });
  return {
    store,
    machine: async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'legalaid-machine-'));
      dirs.push(dir);
      return new ModelRegistry(path.join(dir, 'models'), { store });
    },
  };
}

describe('a registry in a bucket', () => {
  it('serves a version published on one machine to another that shares no folder, verified', async () => {
    const { machine } = freshRegistryPrefix();
    const trainer = await machine();
    const server = await machine();
    await publishFakeVersion(trainer, V1);
    await promoteVersion(trainer, V1, undefined, { trail: { requestedBy: 'ana' } });
    expect(await server.productionVersion()).toBe(V1);
    const dir = await server.verifiedVersionDir(V1);
    expect(dir.startsWith(server.layout.root)).toBe(true);
    expect(JSON.parse(await fs.readFile(path.join(dir, 'model.json'), 'utf8'))).toEqual({ version: V1 });
    expect((await server.listVersions()).map((v) => [v.version, v.stage])).toEqual([[V1, 'production']]);
    expect(await readSwitchHistory(server)).toMatchObject([
      { action: 'promote', production: V1, previous: null, requestedBy: 'ana' },
    ]);
  });

  it('refuses to load a version whose object in the bucket was damaged, naming the object', async () => {
    const { store, machine } = freshRegistryPrefix();
    const trainer = await machine();
    await publishFakeVersion(trainer, V1);
    const client = createS3Client(moto.storeConfig(BUCKET), { credentials: MOTO_SDK_CREDENTIALS });
    const prefix = store.location.slice(`s3://${BUCKET}/`.length);
    // Bytes swapped behind the store's back, with their own (matching) metadata: only the manifest catches it.
    const forged = Buffer.from('forged weights');
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: `${prefix}versions/${V1}/weights.bin`,
        Body: forged,
        Metadata: { sha256: sha256Hex(forged) },
      }),
    );
    client.destroy();
    const other = await machine();
    await expect(other.verifiedVersionDir(V1)).rejects.toMatchObject({
      code: StoreErrorCode.Corrupted,
      message: expect.stringContaining(`object "versions/${V1}/weights.bin"`) as string,
    });
    await expect(fs.access(other.layout.versionDir(V1))).rejects.toThrow();
  });

  it('lets exactly one of two machines promoting at once win; the other is told production moved', async () => {
    const { machine } = freshRegistryPrefix();
    const a = await machine();
    const b = await machine();
    await publishFakeVersion(a, V1);
    await publishFakeVersion(a, V2, 'wf-2');
    await publishFakeVersion(b, V3, 'wf-3');
    await promoteVersion(a, V1, undefined);
    const results = await Promise.allSettled([promoteVersion(a, V2, V1), promoteVersion(b, V3, V1)]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({ code: RegistryErrorCode.ProductionChanged });
    const winner = (won[0] as PromiseFulfilledResult<{ production: string }>).value.production;
    expect(await a.productionVersion()).toBe(winner);
    expect(await b.previousVersion()).toBe(V1);
    expect((await readSwitchHistory(a)).map((r) => r.production)).toEqual([V1, winner]);
  });

  it('keeps production whole when the promoter dies after the switch, and a retry records it once', async () => {
    const { machine } = freshRegistryPrefix();
    const a = await machine();
    await publishFakeVersion(a, V1);
    await publishFakeVersion(a, V2, 'wf-2');
    await promoteVersion(a, V1, undefined);
    const crash = new Error('killed after the switch');
    await expect(
      promoteVersion(a, V2, V1, {
        onStep: (step) => {
          if (step === 'production:renamed') throw crash;
        },
      }),
    ).rejects.toBe(crash);
    const b = await machine();
    expect([await b.productionVersion(), await b.previousVersion()]).toEqual([V2, V1]);
    await expect(promoteVersion(b, V2, V1)).resolves.toEqual({
      production: V2,
      previous: V1,
      alreadyInPlace: true,
    });
    await expect(promoteVersion(b, V2, V1)).resolves.toMatchObject({ alreadyInPlace: true });
    expect((await readSwitchHistory(b)).map((r) => r.production)).toEqual([V1, V2]);
  });

  it('rolls back by swapping both pointers in one write', async () => {
    const { machine } = freshRegistryPrefix();
    const a = await machine();
    await publishFakeVersion(a, V1);
    await publishFakeVersion(a, V2, 'wf-2');
    await promoteVersion(a, V1, undefined);
    await promoteVersion(a, V2, V1);
    const b = await machine();
    await expect(rollbackProduction(b, { production: V2, previous: V1 })).resolves.toEqual({
      production: V1,
      previous: V2,
      alreadyInPlace: false,
    });
    await expect(rollbackProduction(b, { production: V2, previous: V1 })).resolves.toMatchObject({
      alreadyInPlace: true,
    });
    expect([await a.productionVersion(), await a.previousVersion()]).toEqual([V1, V2]);
  });

  it('records outcomes first-wins, allowing only approved → promoted', async () => {
    const { machine } = freshRegistryPrefix();
    const a = await machine();
    const b = await machine();
    await publishFakeVersion(a, V1);
    const base = { reason: 'r', decidedAt: new Date(0).toISOString(), workflowId: 'wf' };
    await a.writeOutcome(V1, { ...base, outcome: 'approved' });
    await b.writeOutcome(V1, { ...base, outcome: 'promoted' });
    await expect(a.writeOutcome(V1, { ...base, outcome: 'rejected' })).rejects.toMatchObject({
      code: RegistryErrorCode.InvalidRecord,
    });
    expect((await b.readOutcome(V1))?.outcome).toBe('promoted');
  });
});

describe('the retrain lock in a bucket', () => {
  const holder = (id: string): LockHolder => ({
    workflowId: id,
    runId: `run-${id}`,
    acquiredAt: '2026-11-30T00:00:00Z',
  });

  it('lets one of two retrains in, and the same run again (a retry)', async () => {
    const { store } = freshRegistryPrefix();
    const alive = () => Promise.resolve(true);
    const results = await Promise.allSettled([
      acquireStoreModelLock(store, 'matchmaking', holder('a'), alive),
      acquireStoreModelLock(store, 'matchmaking', holder('b'), alive),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ code: RegistryErrorCode.LockHeld });
    const current = (await readStoreModelLockHolder(store, 'matchmaking'))!;
    await expect(acquireStoreModelLock(store, 'matchmaking', current, alive)).resolves.toBeUndefined();
    await releaseStoreModelLock(store, 'matchmaking', holder('nobody'));
    expect(await readStoreModelLockHolder(store, 'matchmaking')).toEqual(current);
    await releaseStoreModelLock(store, 'matchmaking', current);
    expect(await readStoreModelLockHolder(store, 'matchmaking')).toBeUndefined();
  });

  it('lets exactly one of two takers break the lock of a dead holder', async () => {
    const { store } = freshRegistryPrefix();
    await acquireStoreModelLock(store, 'matchmaking', holder('dead'), () => Promise.resolve(true));
    const isAlive = (h: LockHolder) => Promise.resolve(h.workflowId !== 'dead');
    const results = await Promise.allSettled([
      acquireStoreModelLock(store, 'matchmaking', holder('x'), isAlive),
      acquireStoreModelLock(store, 'matchmaking', holder('y'), isAlive),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await readStoreModelLockHolder(store, 'matchmaking'))?.workflowId).toMatch(/^[xy]$/);
  });
});
