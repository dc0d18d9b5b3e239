import { promises as fs } from 'node:fs';
import path from 'node:path';
import { LocalArtifactStore } from '../storage';
import { TrackingErrorCode } from './errors';
import { newRunId } from './run-record';
import { RunStore } from './run-store';
import { makeTempRunsDir, retrainStart } from './tracking.fixture';

/** A store on each backend, and how to plant a damaged record `bad` in it (returns where it is named). */
interface Backend {
  readonly store: RunStore;
  plantDamaged(text: string): Promise<string>;
}

const BACKENDS: ReadonlyArray<[string, () => Promise<Backend>]> = [
  [
    'local files under a lock',
    async () => {
      const runsDir = await makeTempRunsDir();
      return {
        store: new RunStore(runsDir),
        plantDamaged: async (text) => {
          await fs.mkdir(runsDir, { recursive: true });
          await fs.writeFile(path.join(runsDir, 'bad.json'), text);
          return path.join(runsDir, 'bad.json');
        },
      };
    },
  ],
  [
    'an artifact store with conditional writes',
    async () => {
      const area = new LocalArtifactStore(path.dirname(await makeTempRunsDir()));
      return {
        store: RunStore.onStore(area),
        plantDamaged: async (text) => {
          await area.put('runs/bad.json', Buffer.from(text));
          return `${area.location}/runs/bad.json`;
        },
      };
    },
  ],
];

describe.each(BACKENDS)('RunStore on %s', (_name, open) => {
  let store: RunStore;
  let backend: Backend;
  beforeEach(async () => {
    backend = await open();
    store = backend.store;
  });

  it('records a started run as running with empty metrics and artifacts', async () => {
    const run = await store.start(retrainStart());
    expect(run).toMatchObject({ status: 'running', metrics: {}, artifacts: {} });
    expect(await store.get(run.id)).toEqual(run);
  });

  it('returns the stored run when the same workflow run starts it again (an activity retry)', async () => {
    const first = await store.start(retrainStart());
    await store.logEpoch(first.id, { epoch: 1, loss: 0.5 });
    const again = await store.start(retrainStart());
    expect(again.epochMetrics).toEqual([{ epoch: 1, loss: 0.5 }]);
  });

  it('refuses an id that another workflow run already used', async () => {
    await store.start(retrainStart());
    await expect(store.start(retrainStart({ workflowId: 'other-wf' }))).rejects.toMatchObject({
      code: TrackingErrorCode.RunExists,
      message: 'run retrain-20261128-133600-3f2a9c1d already exists from workflow retrain-wf (run run-1)',
    });
  });

  it('keeps epochs in order and replaces a re-logged epoch', async () => {
    const { id } = await store.start(retrainStart());
    await store.logEpoch(id, { epoch: 2, loss: 0.4 });
    await store.logEpoch(id, { epoch: 1, loss: 0.6 });
    await store.logEpoch(id, { epoch: 2, loss: 0.3 });
    expect((await store.get(id)).epochMetrics).toEqual([
      { epoch: 1, loss: 0.6 },
      { epoch: 2, loss: 0.3 },
    ]);
  });

  it('merges final metrics and artifacts when a run finishes', async () => {
    const { id } = await store.start(retrainStart({ artifacts: { model: 'models/versions/v1' } }));
    const done = await store.finish(id, {
      status: 'completed',
      endedAt: '2026-11-28T13:40:00.000Z',
      metrics: { rocAuc: 0.81 },
      artifacts: { report: 'reports/eval.html' },
      modelVersion: 'v20261128-133600-29bb7664',
      decision: 'promoted',
    });
    expect(done).toMatchObject({
      status: 'completed',
      metrics: { rocAuc: 0.81 },
      artifacts: { model: 'models/versions/v1', report: 'reports/eval.html' },
      decision: 'promoted',
    });
  });

  it('rejects an update that would store an invalid record', async () => {
    const { id } = await store.start(retrainStart());
    await expect(store.update(id, (run) => ({ ...run, metrics: { auc: Number.NaN } }))).rejects.toMatchObject(
      {
        code: TrackingErrorCode.InvalidRecord,
      },
    );
    await expect(store.update(id, (run) => ({ ...run, id: 'other' }))).rejects.toMatchObject({
      message: `an update may not rename run ${id}`,
    });
  });

  it('lists newest first, filtered by kind and limited', async () => {
    await store.start(retrainStart({ id: 'a', startedAt: '2026-01-01T00:00:00.000Z' }));
    await store.start(retrainStart({ id: 'b', kind: 'drift', startedAt: '2026-01-03T00:00:00.000Z' }));
    await store.start(retrainStart({ id: 'c', startedAt: '2026-01-02T00:00:00.000Z' }));
    expect((await store.list()).map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect((await store.list({ kind: 'retrain', limit: 1 })).map((r) => r.id)).toEqual(['c']);
  });

  it('lists nothing before the first run', async () => {
    expect(await store.list()).toEqual([]);
  });

  it('names the damaged file when a record is not a run record', async () => {
    const where = await backend.plantDamaged('{"id": "bad"}');
    await expect(store.get('bad')).rejects.toMatchObject({ code: TrackingErrorCode.InvalidRecord });
    await expect(store.list()).rejects.toThrow(`${where} is not a run record`);
  });

  it('rejects ids that could escape the runs folder', async () => {
    await expect(store.get('../etc/passwd')).rejects.toMatchObject({ code: TrackingErrorCode.InvalidRunId });
    await expect(store.start(retrainStart({ id: '.hidden' }))).rejects.toMatchObject({
      code: TrackingErrorCode.InvalidRunId,
    });
  });

  it('reports an unknown run by id, also to an update', async () => {
    await expect(store.get('nope')).rejects.toMatchObject({
      code: TrackingErrorCode.RunNotFound,
      message: `no run nope in ${store.location}`,
    });
    await expect(store.logEpoch('nope', { epoch: 1, loss: 1 })).rejects.toMatchObject({
      code: TrackingErrorCode.RunNotFound,
    });
  });

  it('loses no update when many are made at once', async () => {
    const { id } = await store.start(retrainStart());
    await Promise.all(Array.from({ length: 12 }, (_, epoch) => store.logEpoch(id, { epoch, loss: epoch })));
    expect((await store.get(id)).epochMetrics?.map((e) => e.epoch)).toEqual([...Array(12).keys()]);
  });
});

describe('newRunId', () => {
  it('builds a sortable id from kind, start time and suffix', () => {
    expect(newRunId('retrain', new Date('2026-11-28T13:36:00Z'), '3f2a9c1d')).toBe(
      'retrain-20261128-133600-3f2a9c1d',
    );
  });
});
