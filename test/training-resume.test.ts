import type { ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { MODEL_FILES } from '../src/model';
import { trainCandidate } from '../src/pipeline/train-candidate';
import { isVersionName, ModelRegistry } from '../src/registry';
import { approvalUpdate, statusQuery } from '../workflows/retrain-messages';
import { killHard, startChildWorker } from './helpers/child-worker';
import { activityRuns } from './helpers/history';
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
    const dataset = await fixture.writeDataset('train.csv', { rows: 2000, seed: 11 });
    const harness = pipelineHarness(env, fixture);
    child = await startChildWorker({
      address: env.address,
      projectRoot: fixture.paths.root,
      taskQueue: harness.taskQueue,
    });
    const handle = await harness.startRetrain({
      datasetPath: dataset,
      // No early stop within reach, so training is still running when the worker dies.
      trainingParams: { epochs: 15, batchSize: 128, patience: 15 },
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
    const killedPid = child.pid;
    await killHard(child);

    await harness.withWorker(async () => {
      const waiting = await waitForStage(handle, 'awaiting_approval', 110_000);
      // The retry on the new worker started from a checkpoint, not from epoch 0.
      expect(waiting.progress?.resumedFromEpoch).toBeGreaterThanOrEqual(killedAtEpoch - 1);
      expect(waiting.progress?.resumedFromEpoch).toBeGreaterThan(0);
      await handle.executeUpdate(approvalUpdate, { args: [{ answer: 'approve', approver: 'ana' }] });
      const result = await handle.result();
      expect(result.outcome).toBe('promoted');
    });

    // A new worker (this process's) ran the training, on a retry after the killed one missed its heartbeats.
    const training = (await activityRuns(handle)).filter((run) => run.type === 'trainCandidate');
    expect(training).toHaveLength(1);
    expect(training[0]?.completed).toBe(true);
    expect(training[0]!.identity.startsWith(`${process.pid}@`)).toBe(true);
    expect(training[0]!.identity.startsWith(`${killedPid}@`)).toBe(false);
    expect(training[0]!.attempt).toBeGreaterThanOrEqual(2);
    expect(training[0]!.lastFailure?.timeoutFailureInfo?.timeoutType).toBe(
      temporal.api.enums.v1.TimeoutType.TIMEOUT_TYPE_HEARTBEAT,
    );

    // Exactly one model version: no second folder, no half-published staging folder, no checkpoint left.
    const registry = new ModelRegistry(fixture.paths.modelsDir);
    const versions = await registry.listVersions();
    expect(versions).toHaveLength(1);
    expect(versions[0]?.manifest.training.resumedFromEpoch).toBeGreaterThan(0);
    expect(await fs.readdir(registry.layout.versionsDir)).toEqual([versions[0]!.version]);
    expect(isVersionName(versions[0]!.version)).toBe(true);
    expect(await registry.productionVersion()).toBe(versions[0]!.version);
    await expect(
      fs.access(path.join(fixture.paths.workDir, handle.workflowId, 'checkpoint')),
    ).rejects.toMatchObject({ code: 'ENOENT' });

    // The crash did not change the model (issue 12, defect 4): the same snapshot trained
    // here without interruption, with the parameters the manifest records, gives
    // byte-identical weights — the killed worker's epochs (in another process) and the
    // resumed ones (in this one) add up to exactly the uninterrupted run.
    const { manifest } = versions[0]!;
    const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'uninterrupted-'));
    try {
      const reference = new ModelRegistry(path.join(scratch, 'models'));
      const uninterrupted = await trainCandidate({
        registry: reference,
        snapshotsDir: fixture.paths.snapshotsDir,
        datasetMd5: manifest.dataset.md5,
        version: manifest.version,
        params: manifest.training.params,
        checkpointDir: path.join(scratch, 'checkpoint'),
        run: { workflowId: 'uninterrupted-reference', runId: 'reference' },
      });
      expect(uninterrupted).toMatchObject({
        resumedFromEpoch: 0,
        bestEpoch: manifest.training.bestEpoch,
        epochsRun: manifest.training.epochsRun,
        backend: manifest.training.backend,
      });
      const weightsOf = (registry: ModelRegistry) =>
        fs.readFile(path.join(registry.layout.versionsDir, manifest.version, MODEL_FILES.weights));
      expect((await weightsOf(reference)).equals(await weightsOf(registry))).toBe(true);
    } finally {
      await fs.rm(scratch, { recursive: true, force: true });
    }
  }, 300_000);
});
