import type { ChildProcess } from 'node:child_process';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ModelRegistry } from '../src/registry';
import { approvalUpdate, statusQuery } from '../workflows/retrain-messages';
import { killHard, startChildWorker } from './helpers/child-worker';
import { pipelineHarness, waitForStage } from './helpers/pipeline-harness';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';
import { startDevServer } from './helpers/temporal-servers';

describe('training survives a killed worker', () => {
  let env: TestWorkflowEnvironment;
  let fixture: ProjectFixture;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    env = await startDevServer();
    fixture = await createProjectFixture();
  });
  afterAll(async () => {
    if (child) await killHard(child);
    await env?.teardown();
    await fixture?.remove();
  });

  it('resumes training from the last checkpoint on a new worker after SIGKILL', async () => {
    const dataset = await fixture.writeDataset('train.csv', { rows: 4000, seed: 11 });
    const harness = pipelineHarness(env, fixture);
    child = await startChildWorker({
      address: env.address,
      projectRoot: fixture.paths.root,
      taskQueue: harness.taskQueue,
    });
    const handle = await harness.startRetrain({
      datasetPath: dataset,
      // No early stop within reach, so training is still running when the worker dies.
      trainingParams: { epochs: 40, batchSize: 128, patience: 40 },
      trainingHeartbeatTimeout: '3s',
      promotionPolicy: { floors: {} },
    });

    let killedAtEpoch = 0;
    for (let i = 0; i < 600 && killedAtEpoch === 0; i++) {
      const status = await handle.query(statusQuery).catch(() => undefined);
      if ((status?.progress?.epoch ?? 0) >= 3) killedAtEpoch = status!.progress!.epoch;
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(killedAtEpoch).toBeGreaterThanOrEqual(3);
    await killHard(child);

    await harness.withWorker(async () => {
      const waiting = await waitForStage(handle, 'awaiting_approval', 110_000);
      // The retry on the new worker started from a checkpoint, not from epoch 0.
      expect(waiting.progress?.resumedFromEpoch).toBeGreaterThanOrEqual(killedAtEpoch - 1);
      expect(waiting.progress?.resumedFromEpoch).toBeGreaterThan(0);
      await handle.executeUpdate(approvalUpdate, { args: [{ decision: 'approve', approver: 'ana' }] });
      const result = await handle.result();
      expect(result.outcome).toBe('promoted');
    });

    const registry = new ModelRegistry(fixture.paths.modelsDir);
    const versions = await registry.listVersions();
    expect(versions).toHaveLength(1);
    expect(versions[0]?.manifest.training.resumedFromEpoch).toBeGreaterThan(0);
  });
});
