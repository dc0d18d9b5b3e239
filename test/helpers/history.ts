import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const EventType = temporal.api.enums.v1.EventType;

/** How an activity ended up running, from the ActivityTaskStarted event (written once, for the last attempt). */
export interface ActivityRun {
  readonly type: string;
  /** The task queue it was scheduled on. */
  readonly taskQueue: string;
  /** 1 for the first attempt; more when earlier attempts failed or timed out. */
  readonly attempt: number;
  /** `<pid>@<host>` of the worker that ran the last attempt. */
  readonly identity: string;
  /** Why the attempt before it ended (e.g. a heartbeat timeout), if there was one. */
  readonly lastFailure?: temporal.api.failure.v1.IFailure | null;
  readonly completed: boolean;
}

/** Every activity the workflow ran, with the attempt and worker of its last run. */
export async function activityRuns(handle: WorkflowHandle): Promise<ActivityRun[]> {
  const history = await handle.fetchHistory();
  const scheduled = new Map<string, { type: string; taskQueue: string }>();
  const runs = new Map<string, ActivityRun>();
  for (const event of history.events ?? []) {
    if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
      const attrs = event.activityTaskScheduledEventAttributes!;
      scheduled.set(String(event.eventId), {
        type: attrs.activityType!.name!,
        taskQueue: attrs.taskQueue!.name!,
      });
    }
    if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
      const attrs = event.activityTaskStartedEventAttributes!;
      const id = String(attrs.scheduledEventId);
      runs.set(id, {
        ...scheduled.get(id)!,
        attempt: attrs.attempt ?? 1,
        identity: attrs.identity ?? '',
        lastFailure: attrs.lastFailure,
        completed: false,
      });
    }
    if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
      const id = String(event.activityTaskCompletedEventAttributes!.scheduledEventId);
      const run = runs.get(id);
      if (run) runs.set(id, { ...run, completed: true });
    }
  }
  return [...runs.values()];
}
