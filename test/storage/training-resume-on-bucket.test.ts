/**
 * The worker-kill fault with no shared folder: a training worker is SIGKILLed
 * mid-training; a training worker on "another machine" (its own project
 * folder, the same bucket on a real moto server) takes the activity over and
 * resumes from the checkpoint the first one uploaded, and the retrain is
 * promoted in the bucket. (The orchestration worker keeps the run records,
 * which are not in the bucket yet.)
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ModelRegistry } from '../../src/registry';
import { openS3Store } from '../../src/storage';
import type { retrainWorkflow } from '../../workflows';
import { approvalUpdate, statusQuery } from '../../workflows/retrain-messages';
import { killHard, startChildWorker } from '../helpers/child-worker';
import { activityRuns } from '../helpers/history';
import { MOTO_SDK_CREDENTIALS, type MotoServer } from '../helpers/moto-server';
import { waitForStage } from '../helpers/pipeline-harness';
import { startBucketMachines, type BucketMachines } from '../helpers/bucket-machines';
import type { ProjectFixture } from '../helpers/project-fixture';

describe('training survives a killed worker on another machine', () => {
  let env: TestWorkflowEnvironment;
  let moto: MotoServer;
  let orchestrationHome: ProjectFixture;
  let first: ProjectFixture;
  let second: ProjectFixture;
  let machines: BucketMachines;

  beforeAll(async () => {
    machines = await startBucketMachines(3);
    ({ env, moto } = machines);
    [orchestrationHome, first, second] = machines.homes as [ProjectFixture, ProjectFixture, ProjectFixture];
  }, 120_000);
  afterAll(async () => {
    await machines?.stop();
  });

  it('resumes from the checkpoint in the bucket, not from epoch 0', async () => {
    const taskQueue = `resume-${randomUUID()}`;
    const trainingQueue = `resume-training-${randomUUID()}`;
    const storeEnv = moto.storeEnv('team', 'legalaid');
    const common = { address: env.address, env: storeEnv };
    machines.track(
      await startChildWorker({
        ...common,
        projectRoot: orchestrationHome.paths.root,
        taskQueue,
        role: 'orchestration',
        trainingTaskQueue: trainingQueue,
      }),
    );
    const trainer = (home: ProjectFixture) =>
      startChildWorker({
        ...common,
        projectRoot: home.paths.root,
        taskQueue: trainingQueue,
        role: 'training',
      });
    const dying = await trainer(first);
    machines.track(dying);
    const dataset = await orchestrationHome.writeDataset('train.csv', { rows: 2000, seed: 11 });
    const handle = await env.client.workflow.start<typeof retrainWorkflow>('retrainWorkflow', {
      taskQueue,
      workflowId: `bucket-resume-${randomUUID()}`,
      args: [
        {
          datasetPath: dataset,
          // No early stop within reach, so training is still running when the worker dies.
          trainingParams: { epochs: 15, batchSize: 128, patience: 15 },
          trainingHeartbeatTimeout: '3s',
          promotionPolicy: { floors: {} },
        },
      ],
    });
    let killedAtEpoch = 0;
    for (let i = 0; i < 1200 && killedAtEpoch === 0; i++) {
      const status = await handle.query(statusQuery).catch(() => undefined);
      if ((status?.progress?.epoch ?? 0) >= 3) killedAtEpoch = status!.progress!.epoch;
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(killedAtEpoch).toBeGreaterThanOrEqual(3);
    await killHard(dying);

    const survivor = await trainer(second);
    machines.track(survivor);
    const waiting = await waitForStage(handle, 'awaiting_approval', 240_000);
    expect(waiting.progress?.resumedFromEpoch).toBeGreaterThan(0);
    await handle.executeUpdate(approvalUpdate, { args: [{ answer: 'approve', approver: 'ana' }] });
    const result = await handle.result();
    expect(result.outcome).toBe('promoted');

    const training = (await activityRuns(handle)).filter((run) => run.type === 'trainCandidate');
    expect(training).toHaveLength(1);
    expect(training[0]!.identity.startsWith(`${survivor.pid}@`)).toBe(true);
    const store = openS3Store(moto.storeConfig('team', 'legalaid'), { credentials: MOTO_SDK_CREDENTIALS });
    // Production is in the bucket, and the checkpoint was removed once the version was published.
    expect(
      await new ModelRegistry(second.paths.modelsDir, { store: store.scoped('models') }).productionVersion(),
    ).toBe(result.version);
    expect(await store.list('work/')).toEqual([]);
  }, 600_000);
});
