import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import type { retrainWorkflow } from '../workflows';
import { approvalUpdate } from '../workflows/retrain-messages';
import { killHard, startChildWorker } from './helpers/child-worker';
import { waitForStage } from './helpers/pipeline-harness';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';
import { startDevServer } from './helpers/temporal-servers';

const EventType = temporal.api.enums.v1.EventType;

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
    const orchestration = await startChildWorker({ ...common, taskQueue: mainQueue, role: 'orchestration' });
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
          trainingTaskQueue: trainingQueue,
          promotionPolicy: { floors: {} },
        },
      ],
    });
    await waitForStage(handle, 'awaiting_approval');
    await handle.executeUpdate(approvalUpdate, { args: [{ decision: 'approve', approver: 'ana' }] });
    expect((await handle.result()).outcome).toBe('promoted');

    // Who ran what, from the workflow history.
    const history = await handle.fetchHistory();
    const scheduled = new Map<string, { type: string; queue: string }>();
    const ranBy: Array<{ type: string; queue: string; identity: string }> = [];
    for (const event of history.events ?? []) {
      const id = String(event.eventId);
      if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        const attrs = event.activityTaskScheduledEventAttributes!;
        scheduled.set(id, { type: attrs.activityType!.name!, queue: attrs.taskQueue!.name! });
      }
      if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
        const attrs = event.activityTaskStartedEventAttributes!;
        const activity = scheduled.get(String(attrs.scheduledEventId))!;
        ranBy.push({ ...activity, identity: attrs.identity! });
      }
    }
    const trainingRuns = ranBy.filter((r) => r.type === 'trainCandidate');
    const otherRuns = ranBy.filter((r) => r.type !== 'trainCandidate');
    expect(trainingRuns).toHaveLength(1);
    expect(trainingRuns[0]).toMatchObject({ queue: trainingQueue });
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
      expect(run.queue).toBe(mainQueue);
      expect(run.identity.startsWith(`${orchestration.pid}@`)).toBe(true);
    }
  });
});
