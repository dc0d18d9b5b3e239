/**
 * Snapshots shared through a bucket (a real moto server): made on one machine,
 * downloaded once by another into its own snapshot folder (its cache, keyed by
 * md5), verified on the way, and evicted least-recently-used past the bound.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createSnapshot, snapshotDataPath } from '../../src/data';
import { makeTempDir, removeTempDirs, validCsvLines } from '../../src/data/dataset.fixture';
import { pullSnapshot, pushSnapshot, snapshotKeys } from '../../src/data/snapshot-sync';
import { createS3Client, openS3Store, sha256Hex, StoreErrorCode } from '../../src/storage';
import { MOTO_SDK_CREDENTIALS, startMotoServer, type MotoServer } from '../helpers/moto-server';

const BUCKET = 'snapshots';
let moto: MotoServer;
let counter = 0;

beforeAll(async () => {
  moto = await startMotoServer();
  await moto.createBucket(BUCKET);
}, 90_000);

afterAll(async () => {
  await moto?.stop();
  await removeTempDirs();
});

const freshStore = () =>
  openS3Store(moto.storeConfig(BUCKET, `team-${++counter}/snapshots`), { credentials: MOTO_SDK_CREDENTIALS });

/** Snapshots a generated CSV in `root` and returns its md5. */
async function snapshot(root: string, seed: number, rows = 40): Promise<string> {
  const dir = await makeTempDir();
  const csv = path.join(dir, `d${seed}.csv`);
  await fs.writeFile(csv, `${validCsvLines(rows, seed).join('\n')}\n`);
  return (await createSnapshot({ sourcePath: csv, root, now: new Date(0) })).md5;
}

describe('snapshots in a bucket', () => {
  it('are stored in the DVC 3 layout and arrive byte for byte on a machine that shares no folder', async () => {
    const store = freshStore();
    const machineA = await makeTempDir();
    const machineB = await makeTempDir();
    const md5 = await snapshot(machineA, 1);
    await pushSnapshot(store, machineA, md5);
    expect(await store.list('')).toEqual([
      `files/md5/${md5.slice(0, 2)}/${md5.slice(2)}`,
      `manifests/${md5}.json`,
    ]);
    await expect(pullSnapshot(store, machineB, md5)).resolves.toEqual({ cached: false, evicted: [] });
    expect(await fs.readFile(snapshotDataPath(machineB, md5))).toEqual(
      await fs.readFile(snapshotDataPath(machineA, md5)),
    );
    await expect(pullSnapshot(store, machineB, md5)).resolves.toEqual({ cached: true, evicted: [] });
  });

  it('refuses a snapshot whose bytes in the bucket do not match its md5, naming the object', async () => {
    const store = freshStore();
    const machineA = await makeTempDir();
    const md5 = await snapshot(machineA, 2);
    await pushSnapshot(store, machineA, md5);
    const forged = Buffer.concat([await fs.readFile(snapshotDataPath(machineA, md5)), Buffer.from('\n')]);
    const client = createS3Client(moto.storeConfig(BUCKET), { credentials: MOTO_SDK_CREDENTIALS });
    const prefix = store.location.slice(`s3://${BUCKET}/`.length);
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: `${prefix}${snapshotKeys(md5).data}`,
        Body: forged,
        Metadata: { sha256: sha256Hex(forged) },
      }),
    );
    client.destroy();
    const machineB = await makeTempDir();
    await expect(pullSnapshot(store, machineB, md5)).rejects.toMatchObject({
      code: StoreErrorCode.Corrupted,
      message: expect.stringContaining(`object "${snapshotKeys(md5).data}"`) as string,
    });
    await expect(fs.access(snapshotDataPath(machineB, md5))).rejects.toThrow();
  });

  it('keeps the local cache within its bound by dropping the least recently used snapshot', async () => {
    const store = freshStore();
    const machineA = await makeTempDir();
    const [first, second, third] = [
      await snapshot(machineA, 3),
      await snapshot(machineA, 4),
      await snapshot(machineA, 5),
    ];
    for (const md5 of [first, second, third]) await pushSnapshot(store, machineA, md5);
    const size = (md5: string) => fs.stat(snapshotDataPath(machineA, md5)).then((s) => s.size);
    // Room for the two largest, not for all three.
    const sizes = [await size(first), await size(second), await size(third)].sort((a, b) => b - a);
    const bound = sizes[0]! + sizes[1]!;
    const machineB = await makeTempDir();
    await pullSnapshot(store, machineB, first, { maxCacheBytes: bound });
    await new Promise((resolve) => setTimeout(resolve, 20)); // distinct last-use times
    await pullSnapshot(store, machineB, second, { maxCacheBytes: bound });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const { evicted } = await pullSnapshot(store, machineB, third, { maxCacheBytes: bound });
    expect(evicted).toEqual([first]);
    await expect(fs.access(snapshotDataPath(machineB, first))).rejects.toThrow();
    await expect(fs.access(snapshotDataPath(machineB, third))).resolves.toBeUndefined();
    // Evicted is not lost: the next use downloads it again.
    await expect(pullSnapshot(store, machineB, first, { maxCacheBytes: bound })).resolves.toMatchObject({
      cached: false,
    });
  });
});
