/**
 * A retrain with everything shared through a bucket (a real moto server) and
 * two worker processes with different project folders and no shared disk:
 * the orchestration worker snapshots the dataset and promotes, the training
 * worker trains on the snapshot it downloads and publishes to the bucket.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ModelRegistry, readSwitchHistory } from '../../src/registry';
import { openS3Store } from '../../src/storage';
import type { RunRecord } from '../../src/tracking';
import type { evaluateModelWorkflow, retrainWorkflow } from '../../workflows';
import { approvalUpdate } from '../../workflows/retrain-messages';
import { startChildWorker } from '../helpers/child-worker';
import { runCli } from '../helpers/cli-runner';
import { activityRuns } from '../helpers/history';
import { MOTO_SDK_CREDENTIALS, type MotoServer } from '../helpers/moto-server';
import { waitForStage } from '../helpers/pipeline-harness';
import { startBucketMachines, type BucketMachines } from '../helpers/bucket-machines';
import { createProjectFixture, type ProjectFixture } from '../helpers/project-fixture';

describe('a retrain on two workers that share only a bucket', () => {
  let env: TestWorkflowEnvironment;
  let moto: MotoServer;
  let orchestrationHome: ProjectFixture;
  let trainingHome: ProjectFixture;
  let machines: BucketMachines;

  beforeAll(async () => {
    machines = await startBucketMachines(2);
    ({ env, moto } = machines);
    [orchestrationHome, trainingHome] = machines.homes as [ProjectFixture, ProjectFixture];
  }, 120_000);
  afterAll(async () => {
    await machines?.stop();
  });

  it('trains on one, promotes on the other, and production is the bucket pointer', async () => {
    const mainQueue = `main-${randomUUID()}`;
    const trainingQueue = `training-${randomUUID()}`;
    const storeEnv = moto.storeEnv('team', 'legalaid');
    const orchestration = await startChildWorker({
      address: env.address,
      projectRoot: orchestrationHome.paths.root,
      taskQueue: mainQueue,
      role: 'orchestration',
      trainingTaskQueue: trainingQueue,
      env: storeEnv,
    });
    machines.track(orchestration);
    const training = await startChildWorker({
      address: env.address,
      projectRoot: trainingHome.paths.root,
      taskQueue: trainingQueue,
      role: 'training',
      env: storeEnv,
    });
    machines.track(training);

    const dataset = await orchestrationHome.writeDataset('train.csv', { rows: 1500, seed: 61 });
    const handle = await env.client.workflow.start<typeof retrainWorkflow>('retrainWorkflow', {
      taskQueue: mainQueue,
      workflowId: `bucket-retrain-${randomUUID()}`,
      args: [{ datasetPath: dataset, trainingParams: { epochs: 3 }, promotionPolicy: { floors: {} } }],
    });
    await waitForStage(handle, 'awaiting_approval');
    await handle.executeUpdate(approvalUpdate, { args: [{ answer: 'approve', approver: 'ana' }] });
    const result = await handle.result();
    expect(result.outcome).toBe('promoted');
    const { version } = result;

    const ranBy = await activityRuns(handle);
    const byType = (type: string) => ranBy.find((r) => r.type === type);
    expect(byType('trainCandidate')?.identity.startsWith(`${training.pid}@`)).toBe(true);
    expect(byType('promoteCandidate')?.identity.startsWith(`${orchestration.pid}@`)).toBe(true);

    // Production lives in the bucket: a third machine with an empty folder sees it, and loads it verified.
    const store = openS3Store(moto.storeConfig('team', 'legalaid/models'), {
      credentials: MOTO_SDK_CREDENTIALS,
    });
    const elsewhere = await createProjectFixture();
    try {
      const registry = new ModelRegistry(elsewhere.paths.modelsDir, { store });
      expect(await registry.productionVersion()).toBe(version);
      await registry.verifiedVersionDir(version);
      expect(await readSwitchHistory(registry)).toMatchObject([
        { action: 'promote', production: version, previous: null, requestedBy: 'ana' },
      ]);

      // An evaluation on the orchestration worker: its report goes to the bucket's reports/.
      const evaluation = await env.client.workflow.execute<typeof evaluateModelWorkflow>(
        'evaluateModelWorkflow',
        { taskQueue: mainQueue, workflowId: `bucket-eval-${randomUUID()}`, args: [{ datasetPath: dataset }] },
      );
      const reports = openS3Store(moto.storeConfig('team', 'legalaid/reports'), {
        credentials: MOTO_SDK_CREDENTIALS,
      });
      const htmlKey = path.relative('reports', evaluation.htmlPath).split(path.sep).join('/');
      const local = await fs.readFile(path.join(orchestrationHome.paths.root, evaluation.htmlPath));
      expect((await reports.get(htmlKey)).bytes.equals(local)).toBe(true);

      // The run records too: the CLI on the third machine, with only MLOPS_STORE, lists and shows them,
      // with the epochs the training worker logged and the finish the orchestration worker wrote.
      const cli = { temporalAddress: env.address, projectRoot: elsewhere.paths.root, env: storeEnv };
      const listed = await runCli(cli, 'runs', 'list');
      const retrainId = /^(retrain-\S+)/m.exec(listed)?.[1];
      expect(retrainId).toBeDefined();
      expect(listed).toContain(evaluation.runRecordId);
      const record = JSON.parse(await runCli(cli, 'runs', 'show', retrainId!)) as RunRecord;
      expect(record).toMatchObject({ status: 'completed', decision: 'promoted', modelVersion: version });
      // (before run records were in the bucket, every one of these failed with RUN_NOT_FOUND)
      expect(record.epochMetrics?.length).toBeGreaterThan(0);
      expect(JSON.parse(await runCli(cli, 'runs', 'show', evaluation.runRecordId))).toMatchObject({
        kind: 'evaluation',
        status: 'completed',
        artifacts: { report: evaluation.htmlPath },
      });
      // Neither worker has a local record: the bucket is the only copy.
      await expect(fs.readdir(path.join(orchestrationHome.paths.trackingDir, 'runs'))).rejects.toThrow();
      await expect(fs.readdir(path.join(trainingHome.paths.trackingDir, 'runs'))).rejects.toThrow();
    } finally {
      await elsewhere.remove();
    }
    // No production symlink on either worker: the folders are caches, not the registry.
    await expect(fs.lstat(path.join(orchestrationHome.paths.modelsDir, 'production'))).rejects.toThrow();
    await expect(fs.lstat(path.join(trainingHome.paths.modelsDir, 'production'))).rejects.toThrow();
    // The training worker got the snapshot from the bucket, not from a shared folder.
    const trainingSnapshots = await fs.readdir(path.join(trainingHome.paths.snapshotsDir, 'files', 'md5'));
    expect(trainingSnapshots).toHaveLength(1);
  }, 600_000);
});
