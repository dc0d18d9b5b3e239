/**
 * One contract, two stores: every test here runs against the local folder store
 * and against the S3 store on a real moto server (which enforces S3's
 * If-None-Match / If-Match on PutObject, as AWS and MinIO do).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import {
  createS3Client,
  LocalArtifactStore,
  openS3Store,
  sha256Hex,
  StoreErrorCode,
  type ArtifactStore,
} from '../../src/storage';
import { MOTO_SDK_CREDENTIALS, startMotoServer, type MotoServer } from '../helpers/moto-server';

const BUCKET = 'contract';

/** How each kind of store is made fresh for a test, and how its bytes are damaged behind its back. */
interface StoreKind {
  readonly name: string;
  fresh(): Promise<ArtifactStore>;
  /** Replaces the object's bytes without going through the store (bit rot, a hand edit). */
  corrupt(store: ArtifactStore, key: string, bytes: Buffer): Promise<void>;
}

let moto: MotoServer;
const tempDirs: string[] = [];
let counter = 0;

beforeAll(async () => {
  moto = await startMotoServer();
  await moto.createBucket(BUCKET);
}, 90_000);

afterAll(async () => {
  await moto?.stop();
  await Promise.all(tempDirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

const kinds: StoreKind[] = [
  {
    name: 'local folder',
    fresh: async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'legalaid-store-'));
      tempDirs.push(dir);
      return new LocalArtifactStore(dir);
    },
    corrupt: async (store, key, bytes) => {
      await fs.writeFile(path.join((store as LocalArtifactStore).root, ...key.split('/')), bytes);
    },
  },
  {
    name: 'S3 (moto)',
    fresh: () =>
      Promise.resolve(
        openS3Store(moto.storeConfig(BUCKET, `run-${++counter}`), { credentials: MOTO_SDK_CREDENTIALS }),
      ),
    corrupt: async (store, key, bytes) => {
      // Keep the recorded sha256 of the good bytes: the object now lies about its content.
      const good = await store.get(key);
      const client = createS3Client(moto.storeConfig(BUCKET), { credentials: MOTO_SDK_CREDENTIALS });
      const prefix = store.location.slice(`s3://${BUCKET}/`.length);
      await client.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: `${prefix}${key}`,
          Body: bytes,
          Metadata: { sha256: sha256Hex(good.bytes) },
        }),
      );
      client.destroy();
    },
  },
];

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe.each(kinds)('the artifact store on $name', (kind) => {
  let store: ArtifactStore;
  beforeEach(async () => {
    store = await kind.fresh();
  });

  it('reads back what it wrote, with the ETag the write returned', async () => {
    const written = await store.put('models/versions/v1/model.json', bytes('{"a":1}'));
    const read = await store.get('models/versions/v1/model.json');
    expect(read.bytes.toString()).toBe('{"a":1}');
    expect(read.etag).toBe(written.etag);
    expect(await store.head('models/versions/v1/model.json')).toEqual({ etag: written.etag, sizeBytes: 7 });
  });

  it('says which key is missing', async () => {
    await expect(store.get('nothing/here.json')).rejects.toMatchObject({
      code: StoreErrorCode.NotFound,
      message: expect.stringContaining('"nothing/here.json"') as string,
    });
    expect(await store.getIfExists('nothing/here.json')).toBeUndefined();
    expect(await store.head('nothing/here.json')).toBeUndefined();
  });

  it('refuses put-if-absent on an existing key and keeps the first bytes', async () => {
    expect(await store.putIfAbsent('locks/model.lock', bytes('first'))).toBeDefined();
    expect(await store.putIfAbsent('locks/model.lock', bytes('second'))).toBeUndefined();
    expect((await store.get('locks/model.lock')).bytes.toString()).toBe('first');
  });

  it('replaces with put-if-match only while the ETag is current', async () => {
    const first = await store.put('pointers.json', bytes('v1'));
    const second = await store.putIfMatch('pointers.json', bytes('v2'), first.etag);
    expect(second).toBeDefined();
    expect(await store.putIfMatch('pointers.json', bytes('v3'), first.etag)).toBeUndefined();
    expect(await store.putIfMatch('absent.json', bytes('v1'), first.etag)).toBeUndefined();
    expect((await store.get('pointers.json')).bytes.toString()).toBe('v2');
    expect((await store.get('pointers.json')).etag).toBe(second!.etag);
  });

  it('lets exactly one of two concurrent put-if-match on the same pointer win, round after round', async () => {
    let { etag } = await store.put('registry/production.json', bytes('start'));
    for (let round = 0; round < 10; round++) {
      const results = await Promise.all([
        store.putIfMatch('registry/production.json', bytes(`a${round}`), etag),
        store.putIfMatch('registry/production.json', bytes(`b${round}`), etag),
      ]);
      const winners = results.flatMap((result, i) => (result ? [{ result, name: i === 0 ? 'a' : 'b' }] : []));
      expect(winners).toHaveLength(1);
      const now = await store.get('registry/production.json');
      expect(now.bytes.toString()).toBe(`${winners[0]!.name}${round}`);
      etag = now.etag;
    }
  });

  it('lets exactly one of five concurrent put-if-absent create a key', async () => {
    const results = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => store.putIfAbsent('locks/retrain.lock', bytes(`holder ${i}`))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.findIndex(Boolean);
    expect((await store.get('locks/retrain.lock')).bytes.toString()).toBe(`holder ${winner}`);
  });

  it('refuses a corrupted object on read, naming the key', async () => {
    await store.put('files/md5/ab/cdef', bytes('the real snapshot bytes'));
    await kind.corrupt(store, 'files/md5/ab/cdef', bytes('the real snapshot bytez'));
    await expect(store.get('files/md5/ab/cdef')).rejects.toMatchObject({
      code: StoreErrorCode.Corrupted,
      message: expect.stringContaining('object "files/md5/ab/cdef"') as string,
    });
  });

  it('refuses bytes that differ from the digests the caller expects', async () => {
    await store.put('files/md5/00/11', bytes('abc'));
    // md5("abc") = 900150983cd24fb0d6963f7d28e17f72 (RFC 1321, appendix A.5)
    await expect(
      store.get('files/md5/00/11', { md5: '900150983cd24fb0d6963f7d28e17f72' }),
    ).resolves.toBeDefined();
    await expect(store.get('files/md5/00/11', { md5: '0'.repeat(32) })).rejects.toMatchObject({
      code: StoreErrorCode.Corrupted,
    });
  });

  it('lists keys by prefix, sorted, and nothing of its own bookkeeping', async () => {
    for (const key of ['b/2', 'a/1', 'a/3', 'ab/4', 'c']) await store.put(key, bytes(key));
    expect(await store.list('a/')).toEqual(['a/1', 'a/3']);
    expect(await store.list('a')).toEqual(['a/1', 'a/3', 'ab/4']);
    expect(await store.list('')).toEqual(['a/1', 'a/3', 'ab/4', 'b/2', 'c']);
    expect(await store.list('zzz/')).toEqual([]);
  });

  it('deletes, and deleting what is not there is a no-op', async () => {
    await store.put('work/checkpoint.json', bytes('{}'));
    await store.delete('work/checkpoint.json');
    await store.delete('work/checkpoint.json');
    expect(await store.getIfExists('work/checkpoint.json')).toBeUndefined();
    expect(await store.list('work/')).toEqual([]);
  });

  it.each(['../escape', '/absolute', 'a//b', '.store/checksums/x', 'a/./b', 'back\\slash', ''])(
    'refuses the unsafe key %j',
    async (key) => {
      await expect(store.put(key, bytes('x'))).rejects.toMatchObject({ code: StoreErrorCode.InvalidKey });
    },
  );
});
