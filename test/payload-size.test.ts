/**
 * Nothing large crosses Temporal: a retrain on a 1,000,000-row dataset (about
 * 90 MB of CSV) runs on a real dev server with a worker in its own process,
 * and every payload in its history — workflow input and result, activity
 * inputs and results, signals, the update, search attributes, failures — plus
 * the heartbeat details and the status query's answer seen while it ran, stays
 * under 512 KB. Prints the largest ones. Takes a few minutes (data generation,
 * snapshot, one training epoch and evaluation on 1M rows).
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ModelRegistry } from '../src/registry';
import type { retrainWorkflow } from '../workflows';
import { approvalUpdate, statusQuery, type RetrainStatus } from '../workflows/retrain-messages';
import { killHard, startChildWorker } from './helpers/child-worker';
import { findPayloads, largest, measureHistory, type MeasuredPayload } from './helpers/payload-sizes';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';
import { startDevServer } from './helpers/temporal-servers';

const LIMIT = 512 * 1024;
const ROWS = 1_000_000;

jest.setTimeout(340_000);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe('payload sizes on a 1M-row retrain', () => {
  let env: TestWorkflowEnvironment;
  let fixture: ProjectFixture;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    env = await startDevServer();
    fixture = await createProjectFixture();
  });
  afterAll(async () => {
    if (worker) await killHard(worker);
    await env?.teardown();
    await fixture?.remove();
  });

  it('keeps every workflow and activity payload under 512 KB', async () => {
    const started = Date.now();
    const dataset = await fixture.writeDataset('large.csv', { rows: ROWS, seed: 5 });
    const datasetBytes = (await fs.stat(path.join(fixture.paths.root, dataset))).size;
    expect(datasetBytes).toBeGreaterThan(50 * 1024 * 1024); // far over the limit, were it to travel

    const taskQueue = `payloads-${randomUUID()}`;
    worker = await startChildWorker({ address: env.address, projectRoot: fixture.paths.root, taskQueue });
    const handle = await env.client.workflow.start<typeof retrainWorkflow>('retrainWorkflow', {
      taskQueue,
      workflowId: `retrain-payloads-${randomUUID()}`,
      args: [
        {
          datasetPath: dataset,
          // Two epochs: heartbeat details of the first can be read while the second runs.
          trainingParams: { epochs: 2, patience: 2 },
          promotionPolicy: { floors: {} },
          requestedBy: 'payload-size-test',
        },
      ],
    });

    // While it runs: heartbeat details (kept by the server, not in history) and the status query's answer.
    const live: MeasuredPayload[] = [];
    let status: RetrainStatus | undefined;
    const deadline = Date.now() + 300_000;
    while (status?.stage !== 'awaiting_approval' && status?.stage !== 'completed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      status = await handle.query(statusQuery).catch(() => status);
      if (status) live.push(...findPayloads(defaultPayloadConverter.toPayload(status), 'status query'));
      const { raw } = await handle.describe();
      live.push(...findPayloads(raw.pendingActivities, 'describe pendingActivities'));
    }
    expect(status).toMatchObject({ stage: 'awaiting_approval', datasetRows: ROWS });
    const heartbeats = live.filter((p) => p.where.includes('heartbeatDetails'));
    expect(heartbeats.length).toBeGreaterThan(0);

    await handle.executeUpdate(approvalUpdate, { args: [{ answer: 'approve', approver: 'ana' }] });
    const result = await handle.result();
    expect(result.outcome).toBe('promoted');
    // The model really was trained on all of it.
    const manifest = await new ModelRegistry(fixture.paths.modelsDir).readManifest(result.version);
    expect(manifest.dataset.rows).toBe(ROWS);
    expect(manifest.training.epochsRun).toBe(2);

    const { payloads, events } = measureHistory(await handle.fetchHistory());
    // The walk found payloads of every kind the retrain produces.
    for (const kind of [
      'WORKFLOW_EXECUTION_STARTED',
      'ACTIVITY_TASK_SCHEDULED',
      'ACTIVITY_TASK_COMPLETED',
      'WORKFLOW_EXECUTION_SIGNALED',
      'WORKFLOW_EXECUTION_UPDATE_ACCEPTED',
      'WORKFLOW_EXECUTION_UPDATE_COMPLETED',
      'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES',
      'WORKFLOW_EXECUTION_COMPLETED',
    ]) {
      expect(payloads.some((p) => p.where.includes(` ${kind} `))).toBe(true);
    }

    const all = [...payloads, ...live];
    const top = [...all].sort((a, b) => b.bytes - a.bytes).slice(0, 5);
    console.log(
      [
        `dataset: ${ROWS} rows, ${kb(datasetBytes)}; ${payloads.length} payloads in ${events.length} events,` +
          ` ${live.length} seen live; ${((Date.now() - started) / 1000).toFixed(0)} s`,
        `largest history event: ${largest(events)?.where} ${kb(largest(events)?.bytes ?? 0)}`,
        'largest payloads:',
        ...top.map((p) => `  ${kb(p.bytes)}  ${p.where}`),
      ].join('\n'),
    );
    expect(all.filter((p) => p.bytes >= LIMIT)).toEqual([]);
    expect(events.filter((e) => e.bytes >= LIMIT)).toEqual([]);
  });
});
