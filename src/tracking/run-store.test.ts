import { promises as fs } from 'node:fs';
import path from 'node:path';
import { TrackingErrorCode } from './errors';
import { newRunId } from './run-record';
import { RunStore } from './run-store';
import { makeTempRunsDir, retrainStart } from './tracking.fixture';

describe('RunStore', () => {
  let store: RunStore;
  beforeEach(async () => {
    store = new RunStore(await makeTempRunsDir());
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
    await fs.mkdir(store.runsDir, { recursive: true });
    await fs.writeFile(path.join(store.runsDir, 'bad.json'), '{"id": "bad"}');
    await expect(store.get('bad')).rejects.toMatchObject({ code: TrackingErrorCode.InvalidRecord });
    await expect(store.list()).rejects.toThrow(`${path.join(store.runsDir, 'bad.json')} is not a run record`);
  });

  it('rejects ids that could escape the runs folder', async () => {
    await expect(store.get('../etc/passwd')).rejects.toMatchObject({ code: TrackingErrorCode.InvalidRunId });
    await expect(store.start(retrainStart({ id: '.hidden' }))).rejects.toMatchObject({
      code: TrackingErrorCode.InvalidRunId,
    });
  });

  it('reports an unknown run by id', async () => {
    await expect(store.get('nope')).rejects.toMatchObject({ code: TrackingErrorCode.RunNotFound });
  });
});

describe('newRunId', () => {
  it('builds a sortable id from kind, start time and suffix', () => {
    expect(newRunId('retrain', new Date('2026-11-28T13:36:00Z'), '3f2a9c1d')).toBe(
      'retrain-20261128-133600-3f2a9c1d',
    );
  });
});
