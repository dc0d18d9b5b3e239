import { computeClassificationMetrics } from '../metrics';
import { createTempRegistry, publishFakeVersion } from '../registry/registry.fixture';
import { datasetLineage, modelLineage } from './lineage';
import { RunStore } from './run-store';
import { makeTempRunsDir, retrainStart } from './tracking.fixture';

const V1 = 'v20261101-030000-d41d8cd9';
const V2 = 'v20261128-133600-d41d8cd9';
/** The md5 publishFakeVersion records for every fake version. */
const FAKE_DATASET_MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

async function setUp(): Promise<{
  registry: Awaited<ReturnType<typeof createTempRegistry>>['registry'];
  runs: RunStore;
}> {
  const { registry } = await createTempRegistry();
  const runs = new RunStore(await makeTempRunsDir());
  return { registry, runs };
}

describe('modelLineage', () => {
  it('joins the manifest, evaluation, decision and the retrain run that made the version', async () => {
    const { registry, runs } = await setUp();
    await publishFakeVersion(registry, V1, 'retrain-wf');
    const metrics = computeClassificationMetrics([0, 1, 1, 0], [0.2, 0.9, 0.6, 0.4]);
    await registry.writeEvaluation(V1, {
      evaluatedAt: '2026-11-01T03:10:00.000Z',
      datasetMd5: FAKE_DATASET_MD5,
      testRows: 4,
      candidate: metrics,
      production: null,
      verdict: { qualifies: true, reason: 'Candidate passes every floor.', checks: [] },
    });
    const decision = {
      outcome: 'promoted',
      reason: 'approved',
      decidedAt: '2026-11-01T04:00:00.000Z',
      approver: 'ana',
      workflowId: 'retrain-wf',
    } as const;
    await registry.writeOutcome(V1, decision);
    // publishFakeVersion records run id "run" for the workflow.
    await runs.start(retrainStart({ id: 'unrelated', workflowId: 'other-wf' }));
    const made = await runs.start(retrainStart({ id: 'maker', workflowId: 'retrain-wf', runId: 'run' }));

    const lineage = await modelLineage(registry, runs, V1);

    expect(lineage).toMatchObject({
      version: V1,
      dataset: { md5: FAKE_DATASET_MD5, rows: 1, source: 'test.csv' },
      params: {},
      metrics,
      decision,
      workflow: { workflowId: 'retrain-wf', runId: 'run' },
      run: made,
    });
  });

  it('leaves out what is not known yet: no evaluation, no decision, no run record', async () => {
    const { registry, runs } = await setUp();
    await publishFakeVersion(registry, V1);
    const lineage = await modelLineage(registry, runs, V1);
    expect(lineage.metrics).toBeUndefined();
    expect(lineage.decision).toBeUndefined();
    expect(lineage.run).toBeUndefined();
  });

  it('throws VERSION_NOT_FOUND for an unknown version', async () => {
    const { registry, runs } = await setUp();
    await expect(modelLineage(registry, runs, V2)).rejects.toMatchObject({ code: 'VERSION_NOT_FOUND' });
  });
});

describe('datasetLineage', () => {
  it('lists every version trained on the snapshot, newest first, and nothing for another snapshot', async () => {
    const { registry } = await setUp();
    await publishFakeVersion(registry, V1);
    await publishFakeVersion(registry, V2);
    const models = await datasetLineage(registry, FAKE_DATASET_MD5);
    expect(models.map((m) => [m.version, m.stage])).toEqual([
      [V2, 'candidate'],
      [V1, 'candidate'],
    ]);
    expect(await datasetLineage(registry, '29bb766419c0c1972b0eccfca13ee4db')).toEqual([]);
  });
});
