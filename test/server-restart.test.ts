/**
 * The Temporal server goes away in the middle of a retrain and comes back on
 * the same SQLite file and port: killed with SIGKILL while the worker trains,
 * stopped with SIGTERM while the workflow waits for a human. The same worker
 * process reconnects each time, training finishes, the approval signal sent
 * after the second restart promotes the candidate, and one model version results.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { ModelRegistry } from '../src/registry';
import type { retrainWorkflow } from '../workflows';
import { approveSignal, statusQuery, type RetrainStatus } from '../workflows/retrain-messages';
import { killHard, startChildWorker } from './helpers/child-worker';
import { startDevServerProcess, type DevServerProcess } from './helpers/dev-server-process';
import { activityRuns } from './helpers/history';
import { waitForStage } from './helpers/pipeline-harness';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';

jest.setTimeout(300_000);

/** Polls the status query until training has reported `epoch` epochs. */
async function waitForEpoch(
  handle: WorkflowHandle<typeof retrainWorkflow>,
  epoch: number,
  timeoutMs = 120_000,
): Promise<RetrainStatus> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await handle.query(statusQuery).catch(() => undefined);
    if ((status?.progress?.epoch ?? 0) >= epoch) return status!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`training did not reach epoch ${epoch} within ${timeoutMs} ms`);
}

describe('a retrain survives Temporal server restarts', () => {
  let tmp: string;
  let server: DevServerProcess;
  let fixture: ProjectFixture;
  let connection: Connection;
  let client: Client;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'temporal-restart-'));
    server = await startDevServerProcess(path.join(tmp, 'temporal.db'));
    fixture = await createProjectFixture();
    connection = await Connection.connect({ address: server.address });
    client = new Client({ connection, namespace: 'default' });
  });
  afterAll(async () => {
    if (worker) await killHard(worker);
    await connection?.close();
    await server?.stop('SIGKILL');
    await fixture?.remove();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('keeps training through a killed server and waits for approval through a stopped one', async () => {
    const dataset = await fixture.writeDataset('train.csv', { rows: 4000, seed: 23 });
    const taskQueue = `restart-${randomUUID()}`;
    worker = await startChildWorker({ address: server.address, projectRoot: fixture.paths.root, taskQueue });
    const handle = await client.workflow.start<typeof retrainWorkflow>('retrainWorkflow', {
      taskQueue,
      workflowId: `retrain-restart-${randomUUID()}`,
      args: [
        {
          datasetPath: dataset,
          // No early stop within reach, so training is still running when the server dies.
          trainingParams: { epochs: 40, batchSize: 128, patience: 40 },
          promotionPolicy: { floors: {} },
        },
      ],
    });

    // 1. SIGKILL the server while the worker trains; start it again on the same file and port.
    const training = await waitForEpoch(handle, 2);
    expect(training.stage).toBe('training');
    expect(training.progress!.epoch).toBeLessThan(training.progress!.maxEpochs);
    const killedServer = server.process.pid;
    await expect(server.stop('SIGKILL')).resolves.toEqual({ code: null, signal: 'SIGKILL' });
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // training goes on, reporting to nobody
    await server.start();
    expect(server.process.pid).not.toBe(killedServer);

    const waiting = await waitForStage(handle, 'awaiting_approval', 180_000);
    expect(waiting.progress?.epoch).toBeGreaterThan(training.progress!.epoch);
    expect(waiting.version).toBeDefined();

    // 2. SIGTERM the server while the workflow waits for a human; the approval comes after the restart.
    await expect(server.stop('SIGTERM')).resolves.toMatchObject({ code: expect.any(Number) as unknown });
    await server.start();
    expect((await waitForStage(handle, 'awaiting_approval', 60_000)).version).toBe(waiting.version);
    await handle.signal(approveSignal, { approver: 'ana', comment: 'approved after the restart' });
    const result = await handle.result();
    expect(result).toMatchObject({ outcome: 'promoted', version: waiting.version });
    expect(result.approval).toMatchObject({ approver: 'ana', via: 'signal' });

    // The same worker process did everything: it reconnected instead of dying with the server.
    expect(worker.exitCode).toBeNull();
    const runs = await activityRuns(handle);
    // Training was not restarted: its first attempt outlived the server (heartbeats resumed in time).
    expect(runs.filter((run) => run.type === 'trainCandidate')).toEqual([
      expect.objectContaining({ completed: true, attempt: 1 }),
    ]);
    expect(waiting.progress?.resumedFromEpoch).toBe(0);
    for (const run of runs) expect(run.identity.startsWith(`${worker.pid}@`)).toBe(true);

    // Exactly one model version, in production.
    const registry = new ModelRegistry(fixture.paths.modelsDir);
    expect((await registry.listVersions()).map((v) => v.version)).toEqual([result.version]);
    expect(await fs.readdir(registry.layout.versionsDir)).toEqual([result.version]);
    expect(await registry.productionVersion()).toBe(result.version);
  });
});
