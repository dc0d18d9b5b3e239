import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { generateMatchmakingRows, rowsToCsv } from '../src/data';
import { RunStore, type RunKind, type RunRecord } from '../src/tracking';
import { MlflowClient, mirrorRunToMlflow } from '../src/tracking/mlflow';
import type { driftCheckWorkflow, mlflowSyncWorkflow, retrainWorkflow } from '../workflows';
import { mlflowSyncWorkflowId } from '../workflows/mlflow-sync';
import { approvalUpdate, type RetrainResult } from '../workflows/retrain-messages';
import { freePort } from '../bench/lib/free-port';
import { startMlflowServer, type MlflowServer } from './helpers/mlflow-server';
import { pipelineHarness, QUICK_TRAINING, waitForStage } from './helpers/pipeline-harness';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';
import { startDevServer } from './helpers/temporal-servers';

const EXPERIMENT = 'LegalAid_Connect_Matchmaking';
const REGISTERED_MODEL = 'legalaid-matchmaking';

interface KeyValue {
  key: string;
  value: string;
}
interface ApiRun {
  info: { run_id: string; status: string; start_time: number; end_time?: number; lifecycle_stage: string };
  data: { params?: KeyValue[]; tags?: KeyValue[]; metrics?: { key: string; value: number; step: number }[] };
}
interface ApiModelVersion {
  version: string;
  source: string;
  run_id: string;
  tags?: KeyValue[];
  aliases?: string[];
}

/** Plain REST calls to the MLflow server: the assertions do not go through the code under test. */
async function api<T>(
  server: MlflowServer,
  method: 'GET' | 'POST',
  endpoint: string,
  body?: object,
): Promise<T> {
  const url = new URL(`${server.url}/api/2.0/${endpoint}`);
  if (method === 'GET') for (const [k, v] of Object.entries(body ?? {})) url.searchParams.set(k, String(v));
  const response = await fetch(url, {
    method,
    ...(method === 'POST'
      ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
      : {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${endpoint}: HTTP ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

async function mlflowRunsOf(server: MlflowServer, recordId: string): Promise<ApiRun[]> {
  const { experiment } = await api<{ experiment: { experiment_id: string } }>(
    server,
    'GET',
    'mlflow/experiments/get-by-name',
    { experiment_name: EXPERIMENT },
  );
  const { runs } = await api<{ runs?: ApiRun[] }>(server, 'POST', 'mlflow/runs/search', {
    experiment_ids: [experiment.experiment_id],
    filter: `tags.\`legalaid.run_record_id\` = '${recordId}'`,
  });
  return runs ?? [];
}

const asMap = (items: KeyValue[] | undefined) =>
  Object.fromEntries((items ?? []).map((i) => [i.key, i.value]));

describe('MLflow interoperability against a real mlflow server', () => {
  let env: TestWorkflowEnvironment;
  let fixture: ProjectFixture;
  let mlflow: MlflowServer | undefined;

  beforeAll(async () => {
    env = await startDevServer();
  });
  afterAll(async () => {
    await env?.teardown();
  });
  beforeEach(async () => {
    fixture = await createProjectFixture();
  });
  afterEach(async () => {
    await mlflow?.stop();
    mlflow = undefined;
    await fixture.remove();
  });

  /** A pipeline worker whose MLflow tracking URI is `trackingUri`, on its own task queue. */
  async function withMlflowWorker<T>(trackingUri: string, fn: (taskQueue: string) => Promise<T>): Promise<T> {
    const harness = pipelineHarness(env, fixture, { mlflowTrackingUri: trackingUri });
    return harness.withWorker(() => fn(harness.taskQueue));
  }

  /** Trains, waits for the approval gate and approves: a promoted retrain. */
  async function promotedRetrain(
    taskQueue: string,
    seed: number,
  ): Promise<{ handle: WorkflowHandle<typeof retrainWorkflow>; result: RetrainResult }> {
    const dataset = await fixture.writeDataset(`train-${seed}.csv`, { rows: 1500, seed });
    const handle = await env.client.workflow.start<typeof retrainWorkflow>('retrainWorkflow', {
      taskQueue,
      workflowId: `retrain-mlflow-test-${randomUUID()}`,
      args: [
        {
          datasetPath: dataset,
          trainingParams: QUICK_TRAINING,
          promotionPolicy: { floors: {} },
          requestedBy: 'ci',
        },
      ],
    });
    await waitForStage(handle, 'awaiting_approval');
    await handle.executeUpdate(approvalUpdate, { args: [{ answer: 'approve', approver: 'ana' }] });
    const result = await handle.result();
    expect(result.outcome).toBe('promoted');
    return { handle, result };
  }

  async function onlyRecord(kind: RunKind): Promise<RunRecord> {
    const records = await new RunStore(path.join(fixture.paths.trackingDir, 'runs')).list({ kind });
    expect(records).toHaveLength(1);
    return records[0]!;
  }

  const syncHandle = (recordId: string) =>
    env.client.workflow.getHandle<typeof mlflowSyncWorkflow>(mlflowSyncWorkflowId(recordId));

  it('mirrors a promoted retrain (params, metrics, per-epoch history, tags, champion version) and a drift check', async () => {
    const server = (mlflow = await startMlflowServer());
    await withMlflowWorker(server.url, async (taskQueue) => {
      const { handle, result } = await promotedRetrain(taskQueue, 71);
      const record = await onlyRecord('retrain');
      const synced = await syncHandle(record.id).result();
      expect(synced).toMatchObject({ mirrored: true, createdRun: true, conflictingParams: [] });

      const { experiment } = await api<{ experiment: { tags?: KeyValue[] } }>(
        server,
        'GET',
        'mlflow/experiments/get-by-name',
        { experiment_name: EXPERIMENT },
      );
      expect(asMap(experiment.tags)).toMatchObject({ 'mlflow.experimentKind': 'custom_model_development' });
      const [run, ...duplicates] = await mlflowRunsOf(server, record.id);
      expect(duplicates).toEqual([]);
      expect(run!.info).toMatchObject({
        status: 'FINISHED',
        start_time: Date.parse(record.startedAt),
        end_time: Date.parse(record.endedAt!),
      });
      expect(asMap(run!.data.params)).toEqual(
        Object.fromEntries(Object.entries(record.params).map(([k, v]) => [k, String(v)])),
      );
      expect(asMap(run!.data.params)).toMatchObject({ epochs: '6', requestedBy: 'ci' });
      const metrics = Object.fromEntries((run!.data.metrics ?? []).map((m) => [m.key, m.value]));
      expect(metrics).toMatchObject(record.metrics);
      expect(metrics.rocAuc).toBeCloseTo(result.candidateMetrics.rocAuc!, 12);
      expect(asMap(run!.data.tags)).toMatchObject({
        'legalaid.run_record_id': record.id,
        'legalaid.kind': 'retrain',
        'legalaid.temporal_workflow_id': handle.workflowId,
        'legalaid.temporal_run_id': record.runId,
        'legalaid.dataset_md5': result.datasetMd5,
        'legalaid.model_version': result.version,
        'legalaid.decision': 'promoted',
        'mlflow.runName': record.id,
        'mlflow.user': 'ci',
      });

      // Per-epoch training metrics as MLflow metric history, step = epoch.
      const epochs = record.epochMetrics ?? [];
      expect(epochs.length).toBeGreaterThanOrEqual(2);
      const { metrics: lossHistory } = await api<{ metrics: { value: number; step: number }[] }>(
        server,
        'GET',
        'mlflow/metrics/get-history',
        { run_id: run!.info.run_id, metric_key: 'valLoss' },
      );
      expect(lossHistory.map((m) => [m.step, m.value])).toEqual(epochs.map((e) => [e.epoch, e.valLoss]));

      // The promotion: a registered version made from the run, holding the champion alias.
      const { model_version: champion } = await api<{ model_version: ApiModelVersion }>(
        server,
        'GET',
        'mlflow/registered-models/alias',
        { name: REGISTERED_MODEL, alias: 'champion' },
      );
      expect(champion).toMatchObject({
        run_id: run!.info.run_id,
        source: `runs:/${run!.info.run_id}/model`,
        aliases: ['champion'],
      });
      expect(asMap(champion.tags)).toMatchObject({
        'legalaid.model_version': result.version,
        'legalaid.model_dir': `models/versions/${result.version}`,
      });
      const { files } = await api<{ files: { path: string }[] }>(server, 'GET', 'mlflow/artifacts/list', {
        run_id: run!.info.run_id,
        path: 'model',
      });
      expect(files.map((f) => f.path)).toEqual(
        expect.arrayContaining([
          'model/model.json',
          'model/weights.bin',
          'model/preprocessor.json',
          'model/manifest.json',
        ]),
      );

      // Syncing the same record again updates the run; nothing is duplicated.
      const again = await env.client.workflow.execute<typeof mlflowSyncWorkflow>('mlflowSyncWorkflow', {
        taskQueue,
        workflowId: mlflowSyncWorkflowId(record.id),
        args: [{ recordId: record.id }],
      });
      expect(again).toMatchObject({
        mirrored: true,
        createdRun: false,
        mlflowRunId: run!.info.run_id,
        logged: { params: 0, metrics: 0 },
        registered: { version: champion.version, champion: true },
      });
      expect(await mlflowRunsOf(server, record.id)).toHaveLength(1);

      // A drift check is mirrored the same way.
      await fs.writeFile(
        path.join(fixture.paths.dataDir, 'current_data.csv'),
        rowsToCsv(generateMatchmakingRows({ rows: 500, seed: 72, drift: 0 })),
      );
      const drift = await env.client.workflow.execute<typeof driftCheckWorkflow>('driftCheckWorkflow', {
        taskQueue,
        workflowId: `drift-check-mlflow-test-${randomUUID()}`,
        args: [{ driftShare: 0.3 }],
      });
      const driftRecord = await onlyRecord('drift');
      expect(await syncHandle(driftRecord.id).result()).toMatchObject({ mirrored: true });
      const [driftRun] = await mlflowRunsOf(server, driftRecord.id);
      expect(driftRun!.info.status).toBe('FINISHED');
      expect(asMap(driftRun!.data.tags)).toMatchObject({ 'legalaid.kind': 'drift' });
      const driftMetrics = Object.fromEntries((driftRun!.data.metrics ?? []).map((m) => [m.key, m.value]));
      expect(driftMetrics.driftShare).toBeCloseTo(drift.summary.share, 12);
    });
  }, 240_000);

  it('finishes a retrain while MLflow is down; the sync retries and catches up once MLflow is up', async () => {
    const port = await freePort(); // nobody listens here yet
    await withMlflowWorker(`http://127.0.0.1:${port}`, async (taskQueue) => {
      const { result } = await promotedRetrain(taskQueue, 73);
      const record = await onlyRecord('retrain');
      expect(record).toMatchObject({ status: 'completed', decision: 'promoted' });

      // The retrain is done; its sync keeps failing, and retrying, on its own.
      const sync = syncHandle(record.id);
      let attempt = 0;
      let lastFailure: string | undefined;
      const deadline = Date.now() + 60_000;
      while (attempt < 2 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const description = await sync.describe();
        expect(description.status.name).toBe('RUNNING');
        const pending = description.raw.pendingActivities?.[0];
        attempt = pending?.attempt ?? 0;
        lastFailure = pending?.lastFailure?.message ?? undefined;
      }
      expect(attempt).toBeGreaterThanOrEqual(2);
      expect(lastFailure).toContain(
        `MLflow GET /api/2.0/mlflow/experiments/get-by-name: server http://127.0.0.1:${port} unreachable`,
      );

      const server = (mlflow = await startMlflowServer({ port }));
      const synced = await sync.result(); // the next retry finds the server
      expect(synced).toMatchObject({ mirrored: true, registered: { champion: true } });
      const [run] = await mlflowRunsOf(server, record.id);
      expect(run!.info.status).toBe('FINISHED');
      expect(asMap(run!.data.tags)['legalaid.model_version']).toBe(result.version);
    });
  }, 300_000);

  it('keeps params MLflow already has, appends only new metric values and leaves champion on the later promotion', async () => {
    const server = (mlflow = await startMlflowServer());
    const client = new MlflowClient({ trackingUri: server.url, timeoutMs: 10_000 });
    const options = { experimentName: EXPERIMENT, registeredModelName: 'mirror-unit-model' };
    const base: RunRecord = {
      id: 'retrain-20261128-100000-aaaaaaaa',
      kind: 'retrain',
      workflowId: 'retrain-matchmaking-a',
      runId: 'run-a',
      params: { epochs: 2 },
      metrics: { rocAuc: 0.8 },
      epochMetrics: [{ epoch: 0, loss: 0.7 }],
      modelVersion: 'v20261128-100000-aaaaaaaa',
      decision: 'promoted',
      artifacts: {},
      startedAt: '2026-11-28T10:00:00.000Z',
      endedAt: '2026-11-28T10:05:00.000Z',
      status: 'completed',
    };
    const first = await mirrorRunToMlflow(base, client, options);
    const second = await mirrorRunToMlflow(
      {
        ...base,
        params: { epochs: 3 },
        epochMetrics: [
          { epoch: 0, loss: 0.7 },
          { epoch: 1, loss: 0.6 },
        ],
      },
      client,
      options,
    );
    expect(second).toMatchObject({
      mlflowRunId: first.mlflowRunId,
      createdRun: false,
      conflictingParams: ['epochs'],
    });
    expect(second.logged.metrics).toBe(1); // only epoch 1 is new
    const { metrics } = await api<{ metrics: { step: number; value: number }[] }>(
      server,
      'GET',
      'mlflow/metrics/get-history',
      {
        run_id: first.mlflowRunId,
        metric_key: 'loss',
      },
    );
    expect(metrics.map((m) => [m.step, m.value])).toEqual([
      [0, 0.7],
      [1, 0.6],
    ]);

    // A promotion synced late (ended before the current champion's) does not take the alias back.
    const late = await mirrorRunToMlflow(
      {
        ...base,
        id: 'retrain-20261127-100000-bbbbbbbb',
        modelVersion: 'v20261127-100000-bbbbbbbb',
        startedAt: '2026-11-27T10:00:00.000Z',
        endedAt: '2026-11-27T10:05:00.000Z',
      },
      client,
      options,
    );
    expect(late.registered).toMatchObject({ champion: false });
    expect(first.registered).toMatchObject({ champion: true });
    const { registered_model: model } = await api<{
      registered_model: { aliases: { alias: string; version: string }[] };
    }>(server, 'GET', 'mlflow/registered-models/get', { name: 'mirror-unit-model' });
    expect(model.aliases).toEqual([{ alias: 'champion', version: first.registered!.version }]);
  }, 120_000);
});
