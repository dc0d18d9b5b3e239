import type { RunRecord } from '../run-record';
import { LOG_BATCH_LIMITS, PARENT_RECORD_ID_TAG, RECORD_ID_TAG, runPayload, splitBatch } from './run-payload';

const record: RunRecord = {
  id: 'retrain-20261128-133600-3f2a9c1d',
  kind: 'retrain',
  workflowId: 'retrain-matchmaking-749dfce8ec93c969b81a45b8275a8d7d',
  runId: '0195-abc',
  params: { datasetPath: 'data/x.csv', epochs: 6, requestedBy: 'ana', classWeights: true },
  metrics: { rocAuc: 0.81, loss: 0.4 },
  epochMetrics: [
    { epoch: 0, loss: 0.6, valRocAuc: 0.7 },
    { epoch: 1, loss: 0.5, valRocAuc: 0.75 },
  ],
  datasetMd5: '749dfce8ec93c969b81a45b8275a8d7d',
  modelVersion: 'v20261128-133600-749dfce8',
  decision: 'promoted',
  artifacts: { model: 'models/versions/v20261128-133600-749dfce8' },
  startedAt: '2026-11-28T13:36:00.000Z',
  endedAt: '2026-11-28T13:40:00.000Z',
  status: 'completed',
};

describe('runPayload', () => {
  const payload = runPayload(record);

  it('maps status, times and params (as strings)', () => {
    expect(payload).toMatchObject({
      runName: record.id,
      startTime: Date.parse(record.startedAt),
      endTime: Date.parse(record.endedAt!),
      status: 'FINISHED',
    });
    expect(payload.params).toEqual([
      { key: 'classWeights', value: 'true' },
      { key: 'datasetPath', value: 'data/x.csv' },
      { key: 'epochs', value: '6' },
      { key: 'requestedBy', value: 'ana' },
    ]);
    expect(runPayload({ ...record, status: 'failed' }).status).toBe('FAILED');
    expect(runPayload({ ...record, status: 'running', endedAt: undefined })).not.toHaveProperty('endTime');
  });

  it('logs epochs as history with step = epoch, and a final value of the same name after the last epoch', () => {
    const start = Date.parse(record.startedAt);
    const end = Date.parse(record.endedAt!);
    expect(payload.metrics).toEqual([
      { key: 'loss', value: 0.6, step: 0, timestamp: start },
      { key: 'valRocAuc', value: 0.7, step: 0, timestamp: start },
      { key: 'loss', value: 0.5, step: 1, timestamp: start },
      { key: 'valRocAuc', value: 0.75, step: 1, timestamp: start },
      { key: 'rocAuc', value: 0.81, step: 0, timestamp: end },
      { key: 'loss', value: 0.4, step: 2, timestamp: end },
    ]);
  });

  it('tags the identity and outcome of the run', () => {
    const tags = Object.fromEntries(payload.tags.map((tag) => [tag.key, tag.value]));
    expect(tags).toMatchObject({
      [RECORD_ID_TAG]: record.id,
      'legalaid.kind': 'retrain',
      'legalaid.temporal_workflow_id': record.workflowId,
      'legalaid.temporal_run_id': record.runId,
      'legalaid.dataset_md5': record.datasetMd5,
      'legalaid.model_version': record.modelVersion,
      'legalaid.decision': 'promoted',
      'legalaid.status': 'completed',
      'legalaid.artifact.model': 'models/versions/v20261128-133600-749dfce8',
      'mlflow.user': 'ana',
    });
    expect(tags['mlflow.note.content']).toContain(record.workflowId);
    expect(tags).not.toHaveProperty(PARENT_RECORD_ID_TAG);
  });

  it("tags a trial with its study's record id, which the study's sync nests it by", () => {
    const trial = runPayload({ ...record, id: 'trial-1', kind: 'trial', parentId: 'study-20261130-1' });
    expect(trial.tags).toContainEqual({ key: PARENT_RECORD_ID_TAG, value: 'study-20261130-1' });
  });
});

describe('splitBatch', () => {
  it("keeps every request within MLflow's log-batch limits and loses nothing", () => {
    const params = Array.from({ length: 250 }, (_, i) => ({ key: `p${i}`, value: 'x' }));
    const tags = Array.from({ length: 120 }, (_, i) => ({ key: `t${i}`, value: 'x' }));
    const metrics = Array.from({ length: 2500 }, (_, i) => ({ key: 'm', value: i, step: i, timestamp: 0 }));
    const batches = splitBatch({ params, tags, metrics });
    for (const batch of batches) {
      expect(batch.params.length).toBeLessThanOrEqual(LOG_BATCH_LIMITS.params);
      expect(batch.tags.length).toBeLessThanOrEqual(LOG_BATCH_LIMITS.tags);
      expect(batch.metrics.length).toBeLessThanOrEqual(LOG_BATCH_LIMITS.metrics);
      expect(batch.params.length + batch.tags.length + batch.metrics.length).toBeLessThanOrEqual(
        LOG_BATCH_LIMITS.total,
      );
    }
    expect(batches.flatMap((b) => b.params)).toEqual(params);
    expect(batches.flatMap((b) => b.tags)).toEqual(tags);
    expect(batches.flatMap((b) => b.metrics)).toEqual(metrics);
    expect(splitBatch({ params: [], tags: [], metrics: [] })).toEqual([]);
  });
});
