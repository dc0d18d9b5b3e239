/**
 * Run records in a real bucket (moto): created with put-if-absent and updated
 * with conditional writes, so writer processes on machines with no shared disk
 * lose no update and a reader never sees a torn record.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { openS3Store } from '../../src/storage';
import { RunStore, TrackingErrorCode } from '../../src/tracking';
import { retrainStart } from '../../src/tracking/tracking.fixture';
import { MOTO_SDK_CREDENTIALS, startMotoServer, type MotoServer } from '../helpers/moto-server';
import { PROJECT_ROOT } from '../helpers/temporal-servers';

const WRITERS = 3;
const RUNS_PER_WRITER = 8;

/** The concurrency test's writer process, pointed at the bucket through MLOPS_STORE. */
function runWriter(env: Record<string, string>, worker: number, sharedId: string): Promise<void> {
  const script = path.join(PROJECT_ROOT, 'src/tracking/concurrent-writer.fixture.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--require',
        'tsx/cjs',
        script,
        '/nonexistent-runs-dir',
        String(worker),
        String(RUNS_PER_WRITER),
        sharedId,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`writer ${worker} exited ${code}: ${stderr}`)),
    );
  });
}

describe('run records in a bucket', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
    await moto.createBucket('team');
  }, 120_000);
  afterAll(async () => {
    await moto?.stop();
  });

  const trackingArea = (prefix: string) =>
    openS3Store(moto.storeConfig('team', `${prefix}/tracking`), { credentials: MOTO_SDK_CREDENTIALS });

  it('starts a run once per workflow run, names the bucket when a run is missing', async () => {
    const store = RunStore.onStore(trackingArea('idempotent'));
    const first = await store.start(retrainStart());
    await store.logEpoch(first.id, { epoch: 1, loss: 0.5 });
    expect((await store.start(retrainStart())).epochMetrics).toEqual([{ epoch: 1, loss: 0.5 }]);
    await expect(store.start(retrainStart({ workflowId: 'other-wf' }))).rejects.toMatchObject({
      code: TrackingErrorCode.RunExists,
    });
    await expect(store.get('nope')).rejects.toThrow('no run nope in s3://team/idempotent/tracking/runs');
  });

  it('refuses a write made on a stale read: with one attempt allowed, racing updates conflict', async () => {
    const store = RunStore.onStore(trackingArea('conflict'), { maxAttempts: 1 });
    const { id } = await store.start(retrainStart());
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, epoch) => store.logEpoch(id, { epoch, loss: epoch })),
    );
    const won = outcomes.flatMap((o, epoch) => (o.status === 'fulfilled' ? [epoch] : []));
    const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as { code: string }] : []));
    expect(won.length).toBeGreaterThan(0);
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.every((error) => error.code === TrackingErrorCode.UpdateConflict)).toBe(true);
    // Every update that reported success is in the record: a refused write never overwrote a won one.
    const recorded = (await store.get(id)).epochMetrics?.map((e) => e.epoch) ?? [];
    expect(recorded).toEqual(won);
  });

  it('loses and tears no record when writer processes and many promises update runs at once', async () => {
    const env = moto.storeEnv('team', 'shared');
    const store = RunStore.onStore(trackingArea('shared'));
    const shared = await store.start(retrainStart({ id: 'shared' }));
    const writers = Array.from({ length: WRITERS }, (_, w) => runWriter(env, w, shared.id));
    // Meanwhile: updates of the same run from this process, and reads that would throw on a torn record.
    const local = Array.from({ length: 12 }, (_, i) =>
      store.logEpoch(shared.id, { epoch: 100_000 + i, loss: i }),
    );
    let done = false;
    let reads = 0;
    const reader = (async () => {
      while (!done) {
        await store.list();
        reads++;
      }
    })();
    await Promise.all([...writers, ...local]).finally(() => (done = true));
    await reader;

    const runs = await store.list({ kind: 'evaluation' });
    expect(runs).toHaveLength(WRITERS * RUNS_PER_WRITER);
    expect(runs.every((r) => r.status === 'completed' && typeof r.metrics.j === 'number')).toBe(true);
    const epochs = (await store.get(shared.id)).epochMetrics ?? [];
    expect(epochs).toHaveLength(WRITERS * RUNS_PER_WRITER + 12);
    expect(new Set(epochs.map((e) => e.epoch)).size).toBe(WRITERS * RUNS_PER_WRITER + 12);
    expect(reads).toBeGreaterThan(0);
  }, 180_000);
});
