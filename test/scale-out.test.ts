import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { retrainWorkflow } from '../workflows';
import { approvalUpdate } from '../workflows/retrain-messages';
import { killHard, startChildWorker } from './helpers/child-worker';
import { activityRuns } from './helpers/history';
import { waitForStage } from './helpers/pipeline-harness';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';
import { startDevServer } from './helpers/temporal-servers';

describe('scale-out: orchestration and training on separate workers', () => {
  let env: TestWorkflowEnvironment;
  let fixture: ProjectFixture;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    env = await startDevServer();
    fixture = await createProjectFixture();
  });
  afterAll(async () => {
    for (const child of children) await killHard(child);
    await env?.teardown();
    await fixture?.remove();
  });

  it('runs training on the training task queue and everything else on the main one', async () => {
    const mainQueue = `main-${randomUUID()}`;
    const trainingQueue = `training-${randomUUID()}`;
    const common = { address: env.address, projectRoot: fixture.paths.root };
    // Where training runs is the orchestration worker's setting, not part of the retrain's input.
    const orchestration = await startChildWorker({
      ...common,
      taskQueue: mainQueue,
      role: 'orchestration',
      trainingTaskQueue: trainingQueue,
    });
    const training = await startChildWorker({ ...common, taskQueue: trainingQueue, role: 'training' });
    children.push(orchestration, training);

    const dataset = await fixture.writeDataset('train.csv', { rows: 1500, seed: 51 });
    const handle = await env.client.workflow.start<typeof retrainWorkflow>('retrainWorkflow', {
      taskQueue: mainQueue,
      workflowId: `scale-out-${randomUUID()}`,
      args: [
        {
          datasetPath: dataset,
          trainingParams: { epochs: 4 },
          promotionPolicy: { floors: {} },
        },
      ],
    });
    await waitForStage(handle, 'awaiting_approval');
    await handle.executeUpdate(approvalUpdate, { args: [{ answer: 'approve', approver: 'ana' }] });
    expect((await handle.result()).outcome).toBe('promoted');

    // Who ran what, from the workflow history.
    const ranBy = await activityRuns(handle);
    const trainingRuns = ranBy.filter((r) => r.type === 'trainCandidate');
    const otherRuns = ranBy.filter((r) => r.type !== 'trainCandidate');
    expect(trainingRuns).toHaveLength(1);
    expect(trainingRuns[0]).toMatchObject({ taskQueue: trainingQueue });
    expect(trainingRuns[0]!.identity.startsWith(`${training.pid}@`)).toBe(true);
    expect(otherRuns.map((r) => r.type)).toEqual(
      expect.arrayContaining([
        'acquireModelLock',
        'snapshotDataset',
        'evaluateCandidate',
        'promoteCandidate',
      ]),
    );
    for (const run of otherRuns) {
      expect(run.taskQueue).toBe(mainQueue);
      expect(run.identity.startsWith(`${orchestration.pid}@`)).toBe(true);
    }
  });
});
