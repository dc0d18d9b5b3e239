import { ScheduleAlreadyRunning, type Client, type ScheduleOptions } from '@temporalio/client';

/** What {@link ensureSchedules} did to each schedule. */
export interface EnsuredSchedule {
  readonly scheduleId: string;
  readonly action: 'created' | 'updated';
}

/**
 * Creates each schedule, or updates it in place when it exists, so any number
 * of calls (CLI, every worker start) leaves exactly one of each. Paused state
 * and its note are kept on update: a human pause is not undone by a restart.
 */
export async function ensureSchedules(
  client: Client,
  schedules: ScheduleOptions[],
): Promise<EnsuredSchedule[]> {
  const results: EnsuredSchedule[] = [];
  for (const options of schedules) {
    try {
      await client.schedule.create(options);
      results.push({ scheduleId: options.scheduleId, action: 'created' });
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await client.schedule.getHandle(options.scheduleId).update((previous) => ({
        ...previous,
        spec: options.spec,
        action: options.action,
        policies: { ...previous.policies, ...options.policies },
      }));
      results.push({ scheduleId: options.scheduleId, action: 'updated' });
    }
  }
  return results;
}
