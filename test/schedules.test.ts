import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ensureSchedules } from '../temporal/schedules/ensure-schedules';
import { pipelineSchedules, ScheduleId, scheduleSettingsFromEnv } from '../temporal/schedules/definitions';
import { retrainWorkflowId } from '../workflows/workflow-ids';
import { hashFile } from '../src/data';
import path from 'node:path';
import { pipelineHarness, waitForStage } from './helpers/pipeline-harness';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';
import { startDevServer } from './helpers/temporal-servers';

describe('Temporal Schedules on the dev server', () => {
  let env: TestWorkflowEnvironment;
  let fixture: ProjectFixture;

  beforeAll(async () => {
    env = await startDevServer();
    fixture = await createProjectFixture();
  });
  afterAll(async () => {
    await env?.teardown();
    await fixture?.remove();
  });

  async function scheduleIds(): Promise<string[]> {
    const ids: string[] = [];
    for await (const s of env.client.schedule.list()) ids.push(s.scheduleId);
    return ids.sort();
  }

  it('exists exactly once after any number of ensures, and an ensure updates the spec', async () => {
    const settings = scheduleSettingsFromEnv({ MLOPS_TASK_QUEUE: 'schedules-test' });
    expect(await ensureSchedules(env.client, pipelineSchedules(settings))).toEqual([
      { scheduleId: ScheduleId.WeeklyDriftCheck, action: 'created' },
      { scheduleId: ScheduleId.MonthlyRetrain, action: 'created' },
    ]);
    await ensureSchedules(env.client, pipelineSchedules(settings));
    await ensureSchedules(
      env.client,
      pipelineSchedules({ ...settings, driftCron: '30 7 * * 2', timezone: 'Europe/Paris' }),
    );

    // Listing is eventually consistent on the dev server: wait for both to show up.
    for (let i = 0; i < 50 && (await scheduleIds()).length < 2; i++)
      await new Promise((r) => setTimeout(r, 200));
    expect(await scheduleIds()).toEqual([ScheduleId.MonthlyRetrain, ScheduleId.WeeklyDriftCheck].sort());

    const drift = await env.client.schedule.getHandle(ScheduleId.WeeklyDriftCheck).describe();
    expect(drift.spec.timezone).toBe('Europe/Paris');
    expect(drift.policies.overlap).toBe('SKIP');
    const next = drift.info.nextActionTimes[0]!;
    // Tuesday 07:30 in Paris
    expect(
      next.toLocaleString('en-GB', {
        timeZone: 'Europe/Paris',
        weekday: 'long',
        hour: '2-digit',
        minute: '2-digit',
      }),
    ).toBe('Tuesday 07:30');
    const monthly = await env.client.schedule.getHandle(ScheduleId.MonthlyRetrain).describe();
    // The time zone applies to both schedules: the 1st at 03:00 in Paris.
    expect(
      monthly.info.nextActionTimes[0]!.toLocaleString('en-GB', {
        timeZone: 'Europe/Paris',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }),
    ).toBe('1, 03:00');
  });

  it('keeps a human pause across ensures', async () => {
    const settings = scheduleSettingsFromEnv({ MLOPS_TASK_QUEUE: 'schedules-test' });
    await ensureSchedules(env.client, pipelineSchedules(settings));
    const handle = env.client.schedule.getHandle(ScheduleId.WeeklyDriftCheck);
    await handle.pause('data export broken, see INC-42');
    await ensureSchedules(env.client, pipelineSchedules(settings));
    const described = await handle.describe();
    expect(described.state.paused).toBe(true);
    expect(described.state.note).toBe('data export broken, see INC-42');
    await handle.unpause('fixed');
  });

  it('starts a real retrain when the monthly schedule is triggered, then deletes cleanly', async () => {
    const harness = pipelineHarness(env, fixture);
    const dataset = await fixture.writeDataset('matchmaking_dataset.csv', { rows: 1500, seed: 41 });
    const { md5 } = await hashFile(path.join(fixture.paths.root, dataset));
    const settings = scheduleSettingsFromEnv({ MLOPS_TASK_QUEUE: harness.taskQueue });
    await ensureSchedules(env.client, pipelineSchedules(settings));
    await harness.withWorker(async () => {
      await env.client.schedule.getHandle(ScheduleId.MonthlyRetrain).trigger();
      const retrain = env.client.workflow.getHandle(retrainWorkflowId(md5));
      const status = await waitForStage(retrain, 'awaiting_approval').catch(async () =>
        waitForStage(retrain, 'completed'),
      );
      expect(['awaiting_approval', 'completed']).toContain(status.stage);
      const described = await retrain.describe();
      expect(described.searchAttributes).toBeDefined();
      await retrain.terminate('test done');
    });
    for (const id of [ScheduleId.WeeklyDriftCheck, ScheduleId.MonthlyRetrain]) {
      await env.client.schedule.getHandle(id).delete();
    }
    for (let i = 0; i < 50 && (await scheduleIds()).length > 0; i++)
      await new Promise((r) => setTimeout(r, 200));
    expect(await scheduleIds()).toEqual([]);
  });
});
