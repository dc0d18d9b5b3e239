/**
 * The prediction log in a bucket (a real moto server): what the serving
 * writer flushes is read back whole by another "machine" (another store
 * object on the same prefix), one object per flushed batch, listed by day,
 * never overwritten; a damaged object is refused naming its key; the
 * experiment cursor counts each object once.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import pino from 'pino';
import { generateMatchmakingRows } from '../../src/data';
import { LABEL_COLUMN } from '../../src/data/schema';
import { collectExperimentBatch, START_CURSOR } from '../../src/experiments/collect-batch';
import { createServingMetrics } from '../../src/serving/metrics';
import {
  FilePredictionLogStore,
  ObjectPredictionLogStore,
  openPredictionLogStore,
  PredictionLogWriter,
  readPredictionLog,
  type PredictionBatch,
} from '../../src/serving/prediction-log';
import { decodeColumns } from '../../src/serving/request/decode-columns';
import { rowObjectsSource } from '../../src/serving/request/row-objects';
import {
  createS3Client,
  openS3Store,
  openSharedStores,
  parseStoreConfig,
  StoreErrorCode,
  type ArtifactStore,
} from '../../src/storage';
import {
  MOTO_CREDENTIALS,
  MOTO_SDK_CREDENTIALS,
  startMotoServer,
  type MotoServer,
} from '../helpers/moto-server';

const BUCKET = 'prediction-log';
const quiet = pino({ level: 'silent' });
let moto: MotoServer;
let counter = 0;

beforeAll(async () => {
  moto = await startMotoServer();
  await moto.createBucket(BUCKET);
}, 90_000);
afterAll(() => moto?.stop());

/** A fresh `predictions/` area of its own prefix. */
function freshArea(): { prefix: string; store: () => ArtifactStore } {
  const prefix = `team-${++counter}/`;
  return {
    prefix,
    store: () =>
      openS3Store(moto.storeConfig(BUCKET, prefix), { credentials: MOTO_SDK_CREDENTIALS }).scoped(
        'predictions',
      ),
  };
}

function batch(rows: number, time: Date, experiment?: string): PredictionBatch {
  const generated = generateMatchmakingRows({ rows, seed: rows }).map(
    ({ [LABEL_COLUMN]: _label, ...features }) => features,
  );
  const decoded = decodeColumns(
    rowObjectsSource(generated, (i) => `row ${i}`),
    (c, r) => `${c}@${r}`,
  );
  const probabilities = Float32Array.from({ length: rows }, (_, i) => (i + 0.3) / (rows + 1));
  return {
    time,
    model: 'matchmaking',
    version: 'v20260101-000000-aaaaaaaa',
    route: 'v2',
    arm: experiment ? 'shadow' : 'production',
    requestId: `req-${time.getTime()}`,
    ids: Array.from({ length: rows }, (_, i) => `id-${time.getTime()}-${i}`),
    columns: decoded.columns,
    probabilities,
    ...(experiment
      ? {
          experiment: {
            id: experiment,
            stage: 'shadow',
            candidate: 'vC',
            production: 'v20260101-000000-aaaaaaaa',
            candidateProbabilities: probabilities,
            productionProbabilities: probabilities,
            candidateMs: 2,
            productionMs: 1,
            candidateError: null,
          },
        }
      : {}),
  };
}

async function ids(store: ObjectPredictionLogStore, query = {}): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of readPredictionLog(store, query)) found.push(entry.id);
  return found;
}

it('writer → bucket → reader on another machine: one object per flushed batch and day, listed by day', async () => {
  const area = freshArea();
  const writerStore = new ObjectPredictionLogStore(area.store(), { instance: 'host-1' });
  const writer = new PredictionLogWriter({
    store: writerStore,
    metrics: createServingMetrics(),
    logger: quiet,
    flushIntervalMs: 60_000,
  });
  const a = batch(3, new Date('2026-11-27T23:59:59.900Z'));
  const b = batch(2, new Date('2026-11-28T00:00:00.100Z'));
  const c = batch(4, new Date('2026-11-28T10:00:00.000Z'));
  writer.record(a);
  writer.record(b);
  writer.record(c);
  await writer.flush(); // one flush: one object for the 27th, one for the 28th (b and c together)
  const d = batch(1, new Date('2026-11-30T08:00:00.000Z'));
  writer.record(d);
  await writer.close();

  const keys = await area.store().list('');
  expect(keys).toHaveLength(3);
  for (const key of keys)
    expect(key).toMatch(/^2026-11-(27|28|30)\/host-1\.[0-9a-f]{8}\/\d{15}-\d{9}\.jsonl$/);

  const reader = new ObjectPredictionLogStore(area.store()); // machine B: its own client, no folder
  expect(await ids(reader)).toEqual([...a.ids, ...b.ids, ...c.ids, ...d.ids]);
  expect(await ids(reader, { from: '2026-11-28', to: '2026-11-29' })).toEqual([...b.ids, ...c.ids]);
  expect(await ids(reader, { from: '2026-11-30' })).toEqual(d.ids); // open range: one listing of the area
  expect((await reader.list('2026-11-01', '2026-11-26')).length).toBe(0);

  // Two processes that share an instance name on the same day and millisecond never overwrite each other.
  const now = () => Date.parse('2026-11-28T12:00:00Z');
  const twin1 = new ObjectPredictionLogStore(area.store(), { instance: 'host-1', now });
  const twin2 = new ObjectPredictionLogStore(area.store(), { instance: 'host-1', now });
  await Promise.all([twin1.append('2026-11-28', '{"x":1}\n'), twin2.append('2026-11-28', '{"x":2}\n')]);
  expect((await reader.list('2026-11-28', '2026-11-28')).length).toBe(3);
}, 60_000);

it('refuses a damaged object naming its key, and a bad day before writing', async () => {
  const area = freshArea();
  const store = new ObjectPredictionLogStore(area.store(), { instance: 'host-2' });
  await store.append('2026-11-29', '{"id":"x"}\n');
  const [key] = await area.store().list('');
  const client = createS3Client(moto.storeConfig(BUCKET), { credentials: MOTO_SDK_CREDENTIALS });
  try {
    // Bytes changed behind the store's back, keeping the sha256 recorded for the original.
    const head = await area.store().get(key!);
    expect(head.bytes.toString()).toBe('{"id":"x"}\n');
    const { createHash } = await import('node:crypto');
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: `${area.prefix}predictions/${key!}`,
        Body: Buffer.from('{"id":"y"}\n'),
        Metadata: { sha256: createHash('sha256').update('{"id":"x"}\n').digest('hex') },
      }),
    );
  } finally {
    client.destroy();
  }
  await expect(ids(new ObjectPredictionLogStore(area.store()))).rejects.toMatchObject({
    code: StoreErrorCode.Corrupted,
    message: expect.stringContaining(`object "${key!}"`) as string,
  });
  await expect(store.append('2026-13-1', 'x\n')).rejects.toThrow('not a day: 2026-13-1');
}, 30_000);

it('the experiment cursor counts each object of the bucket once across batches', async () => {
  const area = freshArea();
  const writer = new ObjectPredictionLogStore(area.store(), { instance: 'srv' });
  const flushed = async (b: PredictionBatch) => {
    const w = new PredictionLogWriter({
      store: writer,
      metrics: createServingMetrics(),
      logger: quiet,
      flushIntervalMs: 60_000,
    });
    w.record(b);
    await w.close();
  };
  const log = new ObjectPredictionLogStore(area.store());
  const collect = (cursor = START_CURSOR) =>
    collectExperimentBatch({
      experimentId: 'exp',
      logDir: '/nonexistent',
      log,
      outcomesDir: '/nonexistent',
      fromDay: '2026-11-30',
      cursor,
    });
  await flushed(batch(3, new Date('2026-11-30T08:00:00Z'), 'exp'));
  await flushed(batch(2, new Date('2026-11-30T08:00:01Z'))); // not in the experiment
  const first = await collect();
  expect(first.batch.predictions.shadow).toBe(3);
  expect(Object.values(first.cursor.log)).toEqual([2]); // one group, two objects consumed
  await flushed(batch(4, new Date('2026-11-30T09:00:00Z'), 'exp'));
  const second = await collect(first.cursor);
  expect(second.batch.predictions.shadow).toBe(4);
  const third = await collect(second.cursor);
  expect(third.batch.predictions.shadow).toBe(0);
}, 30_000);

it('the factory picks the bucket with MLOPS_STORE and the folder without', () => {
  const env = { ...MOTO_CREDENTIALS, ...moto.storeEnv(BUCKET, 'team-x') };
  const onBucket = openPredictionLogStore('/unused', 'host-3', openSharedStores(parseStoreConfig(env)));
  expect(onBucket).toBeInstanceOf(ObjectPredictionLogStore);
  expect((onBucket as ObjectPredictionLogStore).store.location).toBe(`s3://${BUCKET}/team-x/predictions/`);
  expect((onBucket as ObjectPredictionLogStore).writer).toMatch(/^host-3\./);
  const local = openPredictionLogStore('/tmp/log-dir', 'host-3', openSharedStores(parseStoreConfig({})));
  expect(local).toBeInstanceOf(FilePredictionLogStore);
  expect((local as FilePredictionLogStore).dir).toBe('/tmp/log-dir');
});
