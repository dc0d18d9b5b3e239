import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { generateMatchmakingRows } from '../../data';
import { FEATURE_COLUMNS, LABEL_COLUMN } from '../../data/schema';
import { createServingMetrics } from '../metrics';
import { decodeColumns } from '../request/decode-columns';
import { rowObjectsSource } from '../request/row-objects';
import { loadPredictionLogTable, readPredictionLog } from './reader';
import { FilePredictionLogStore } from './store';
import { PredictionLogWriter, type PredictionBatch } from './writer';

const quiet = pino({ level: 'silent' });

function batch(rows: number, time: Date, version = 'v20260101-000000-aaaaaaaa'): PredictionBatch {
  const generated = generateMatchmakingRows({ rows, seed: rows }).map(
    ({ [LABEL_COLUMN]: _label, ...features }) => features,
  );
  const decoded = decodeColumns(
    rowObjectsSource(generated, (i) => `row ${i}`),
    (c, r) => `${c}@${r}`,
  );
  return {
    time,
    model: 'matchmaking',
    version,
    route: 'v2',
    arm: 'production',
    requestId: `req-${rows}`,
    ids: Array.from({ length: rows }, (_, i) => `id-${time.getTime()}-${i}`),
    columns: decoded.columns,
    probabilities: Float32Array.from({ length: rows }, (_, i) => (i + 0.3) / (rows + 1)),
  };
}

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'prediction-log-'));
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

describe('PredictionLogWriter', () => {
  it('writes every recorded row to its UTC day file and reads it back exactly', async () => {
    const metrics = createServingMetrics();
    const store = new FilePredictionLogStore(dir, 'host-1');
    const writer = new PredictionLogWriter({ store, metrics, logger: quiet, flushIntervalMs: 60_000 });
    const first = batch(3, new Date('2026-11-27T23:59:59.900Z'));
    const second = batch(2, new Date('2026-11-28T00:00:00.100Z'), 'v20260102-000000-bbbbbbbb');
    writer.record(first);
    writer.record(second);
    expect((await metrics.logBuffered.get()).values[0]!.value).toBe(5);
    await writer.close();

    expect((await fs.readdir(dir)).sort()).toEqual([
      'predictions-2026-11-27.host-1.jsonl',
      'predictions-2026-11-28.host-1.jsonl',
    ]);
    const entries = [];
    for await (const entry of readPredictionLog(store)) entries.push(entry);
    expect(entries.map((e) => e.id)).toEqual([...first.ids, ...second.ids]);
    expect(entries.map((e) => e.probability)).toEqual([...first.probabilities, ...second.probabilities]);
    expect(entries[3]).toMatchObject({
      version: 'v20260102-000000-bbbbbbbb',
      time: '2026-11-28T00:00:00.100Z',
    });
    expect(Object.keys(entries[0]!.input)).toEqual(FEATURE_COLUMNS.map((c) => c.name));
    expect(entries[0]!.input.client_age).toBe(first.columns.get('client_age')![0]);

    const { table } = await loadPredictionLogTable(store, {
      from: '2026-11-28',
      versions: ['v20260102-000000-bbbbbbbb'],
    });
    expect(table.numRows()).toBe(2);
    expect(Array.from(table.array('distance_km') as number[])).toEqual(
      Array.from(second.columns.get('distance_km') as Float64Array),
    );
    expect((await metrics.logWritten.get()).values[0]!.value).toBe(5);
  });

  it('drops and counts entries when the disk is full, keeps accepting records, and resumes on a fresh line', async () => {
    const metrics = createServingMetrics();
    const store = new FilePredictionLogStore(dir, 'full');
    const time = new Date('2026-11-28T10:00:00Z');
    // /dev/full answers every write with ENOSPC: a real full-disk error from the kernel.
    await fs.symlink('/dev/full', store.fileFor('2026-11-28'));
    const writer = new PredictionLogWriter({ store, metrics, logger: quiet, flushIntervalMs: 60_000 });
    writer.record(batch(4, time));
    await writer.flush();
    const dropped = await metrics.logDropped.get();
    expect(dropped.values).toEqual([
      expect.objectContaining({ labels: { reason: 'write_error' }, value: 4 }),
    ]);

    // Space comes back (here: a real file with a line cut off mid-write in it).
    await fs.rm(store.fileFor('2026-11-28'));
    await fs.writeFile(store.fileFor('2026-11-28'), '{"id":"cut-off","time":"2026-11');
    writer.record(batch(2, time));
    await writer.close();
    const stats = { damagedLines: 0 };
    const ids = [];
    for await (const entry of readPredictionLog(store, {}, stats)) ids.push(entry.id);
    expect(ids).toHaveLength(2);
    expect(stats.damagedLines).toBe(1);
  });

  it('drops and counts what does not fit in the buffer instead of growing without bound', async () => {
    const metrics = createServingMetrics();
    const store = new FilePredictionLogStore(dir, 'slow');
    const writer = new PredictionLogWriter({
      store,
      metrics,
      logger: quiet,
      flushIntervalMs: 60_000,
      maxBufferedEntries: 5,
    });
    writer.record(batch(3, new Date()));
    writer.record(batch(3, new Date()));
    await writer.close();
    writer.record(batch(1, new Date()));
    const dropped = (await metrics.logDropped.get()).values;
    expect(dropped).toEqual([expect.objectContaining({ labels: { reason: 'buffer_full' }, value: 4 })]);
    expect((await metrics.logWritten.get()).values[0]!.value).toBe(3);
  });

  it('flushes on its interval without being asked', async () => {
    const metrics = createServingMetrics();
    const store = new FilePredictionLogStore(dir, 'timer');
    const writer = new PredictionLogWriter({ store, metrics, logger: quiet, flushIntervalMs: 50 });
    writer.record(batch(2, new Date()));
    const deadline = Date.now() + 5000;
    while ((await metrics.logWritten.get()).values[0]!.value < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await metrics.logWritten.get()).values[0]!.value).toBe(2);
    await writer.close();
  });
});
