/**
 * Match outcomes in a bucket (a real moto server): machines with no shared
 * folder record and read one numbered log of batch objects, the first value
 * stored for an id wins everywhere (concurrent writers included), a
 * conflicting repeat is reported and not stored, an import SIGKILLed
 * mid-way keeps every batch it wrote and a rerun completes it, and a damaged
 * batch is refused naming its key.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  importOutcomesCsv,
  ObjectOutcomeStore,
  openOutcomeStore,
  outcomeBatchKey,
  type OutcomeToRecord,
} from '../../src/monitoring/outcomes';
import {
  allKnown,
  outcomesCsv,
  predictionId,
  tempDir,
} from '../../src/monitoring/outcomes/outcome-fixture.fixture';
import {
  createS3Client,
  openS3Store,
  openSharedStores,
  parseStoreConfig,
  StoreErrorCode,
  type ArtifactStore,
} from '../../src/storage';
import { MOTO_SDK_CREDENTIALS, startMotoServer, type MotoServer } from '../helpers/moto-server';

const BUCKET = 'outcomes';
let moto: MotoServer;
let counter = 0;

beforeAll(async () => {
  moto = await startMotoServer();
  await moto.createBucket(BUCKET);
}, 90_000);
afterAll(() => moto?.stop());

/** A fresh prefix; each call of `machine()` is another process's view of its `outcomes/` area. */
function freshPrefix(): { prefix: string; area: () => ArtifactStore; machine: () => ObjectOutcomeStore } {
  const prefix = `team-${++counter}`;
  const area = () =>
    openS3Store(moto.storeConfig(BUCKET, prefix), { credentials: MOTO_SDK_CREDENTIALS }).scoped('outcomes');
  return { prefix, area, machine: () => new ObjectOutcomeStore(area()) };
}

const outcome = (n: number, value: 0 | 1, position?: number): OutcomeToRecord => ({
  outcome: { predictionId: predictionId(n), matchSuccess: value, observedAt: null },
  ...(position === undefined ? {} : { position }),
});

it('first wins across machines: a conflicting repeat is reported with the stored value and not stored', async () => {
  const { machine, area } = freshPrefix();
  const a = machine();
  const b = machine();
  expect(await a.record([outcome(1, 1), outcome(2, 0)], allKnown, 'http')).toMatchObject({ stored: 2 });
  const fromB = await b.record([outcome(1, 0, 1), outcome(2, 0, 2), outcome(3, 1, 3)], allKnown, 'csv:x.csv');
  expect(fromB).toMatchObject({ received: 3, stored: 1, duplicates: 1 });
  expect(fromB.conflicts).toEqual([{ predictionId: predictionId(1), position: 1, stored: 1, received: 0 }]);
  const unknown = await b.record([outcome(9, 1)], () => Promise.resolve(new Set<string>()), 'http');
  expect(unknown.unknown).toEqual([{ predictionId: predictionId(9) }]);
  const seen = await machine().all();
  expect([...seen.values()].map((o) => [o.predictionId, o.matchSuccess, o.source])).toEqual([
    [predictionId(1), 1, 'http'],
    [predictionId(2), 0, 'http'],
    [predictionId(3), 1, 'csv:x.csv'],
  ]);
  expect(await area().list('')).toEqual([outcomeBatchKey(1), outcomeBatchKey(2)]);
  // The experiment cursor's view: batches after a position, the same every time.
  const since = await machine().readSince(1);
  expect(since).toMatchObject({ position: 2, damagedLines: 0 });
  expect(since.outcomes.map((o) => o.predictionId)).toEqual([predictionId(3)]);
  expect((await machine().readSince(2)).outcomes).toEqual([]);
}, 30_000);

it('four machines recording conflicting values at once: one value per id wins, the log has no gap', async () => {
  const { machine, area } = freshPrefix();
  const stores = Array.from({ length: 4 }, () => machine());
  const results = await Promise.all(
    stores.map((s, k) =>
      s.record(
        Array.from({ length: 30 }, (_, n) => outcome(n, (k % 2) as 0 | 1)),
        allKnown,
        `w${k}`,
      ),
    ),
  );
  expect(results.reduce((s, r) => s + r.stored, 0)).toBe(30);
  expect(results.reduce((s, r) => s + r.stored + r.duplicates + r.conflicts.length, 0)).toBe(120);
  const views = await Promise.all([machine().all(), ...stores.map((s) => s.all())]);
  for (const view of views.slice(1)) expect([...view.entries()]).toEqual([...views[0].entries()]);
  const keys = await area().list('');
  expect(keys).toEqual(keys.map((_, i) => outcomeBatchKey(i + 1)));
}, 60_000);

it('an import SIGKILLed mid-way keeps every batch it wrote; running it again completes it', async () => {
  const { prefix, area, machine } = freshPrefix();
  const dir = await tempDir('outcomes-bucket-');
  try {
    const file = path.join(dir, 'outcomes.csv');
    await fs.writeFile(file, outcomesCsv(600));
    const fixture = path.join(__dirname, '../../src/monitoring/outcomes/import-child.fixture.ts');
    const child = spawn(
      process.execPath,
      ['--require', 'tsx/cjs', fixture, path.join(dir, 'unused'), file, '20'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, ...moto.storeEnv(BUCKET, prefix) },
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (;;) {
      if ((await area().list('batches/')).length >= 3) break;
      if (child.exitCode !== null) throw new Error(`the import ended before it was killed: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    expect(await exited).toBeNull();

    const before = await machine().all();
    expect(before.size).toBeGreaterThanOrEqual(60);
    expect(before.size).toBeLessThan(600);
    expect(before.size % 20).toBe(0); // whole batches only

    const rerun = await importOutcomesCsv(machine(), file, allKnown);
    expect(rerun).toMatchObject({ received: 600, stored: 600 - before.size, duplicates: before.size });
    const all = await machine().all();
    expect(all.size).toBe(600);
    expect(all.get(predictionId(3))!.matchSuccess).toBe(1);
    expect(all.get(predictionId(599))!.matchSuccess).toBe(0);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}, 120_000);

it('refuses a damaged batch naming its key; the factory picks the bucket only with MLOPS_STORE', async () => {
  const { prefix, machine } = freshPrefix();
  await machine().record([outcome(1, 1)], allKnown, 'http');
  const client = createS3Client(moto.storeConfig(BUCKET), { credentials: MOTO_SDK_CREDENTIALS });
  try {
    const key = `${prefix}/outcomes/${outcomeBatchKey(1)}`;
    const original = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: Buffer.from('{"prediction_id":"x","match_success":0}\n'),
        Metadata: { sha256: original.Metadata!.sha256! },
      }),
    );
  } finally {
    client.destroy();
  }
  await expect(machine().all()).rejects.toMatchObject({
    code: StoreErrorCode.Corrupted,
    message: expect.stringContaining(`object "${outcomeBatchKey(1)}"`) as string,
  });
  expect(
    openOutcomeStore('/unused', openSharedStores(parseStoreConfig(moto.storeEnv(BUCKET, 'x')))),
  ).toBeInstanceOf(ObjectOutcomeStore);
  expect(openOutcomeStore('/tmp/o', openSharedStores(parseStoreConfig({}))).location).toBe(
    '/tmp/o/outcomes.jsonl',
  );
}, 30_000);
