/**
 * Where a retrain's wall time went, read from its Temporal workflow history:
 * time inside activities (each attempt's started → closed interval), time
 * waiting for the human approval, and the rest — the orchestration overhead
 * (workflow tasks, activity scheduling and dispatch, the server's round trips).
 */
import type { temporal } from '@temporalio/proto';
import { tsToMs } from '@temporalio/common/lib/time';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** One activity attempt. */
export interface ActivityTiming {
  readonly type: string;
  /** Scheduled → started: waiting for a worker slot and the dispatch round trip. */
  readonly scheduleToStartMs: number;
  /** Started → completed (or failed, timed out): time inside the activity. */
  readonly startToCloseMs: number;
}

/** The breakdown of one retrain. */
export interface WorkflowTimings {
  /** Workflow execution started → closed, on the server's clock. */
  readonly workflowMs: number;
  readonly activities: readonly ActivityTiming[];
  /** Σ startToCloseMs. */
  readonly activityMs: number;
  /** From the workflow starting to wait for approval until the approval was sent (a human's time, not overhead). */
  readonly approvalWaitMs: number;
  /** workflowMs − activityMs − approvalWaitMs. */
  readonly overheadMs: number;
  /** Σ scheduleToStartMs (part of the overhead). */
  readonly scheduleToStartMs: number;
  readonly workflowTasks: number;
  readonly events: number;
}

const timeOf = (event: HistoryEvent): number => tsToMs(event.eventTime);
const idOf = (value: unknown): string => String(value);

/**
 * Splits a finished workflow's time.
 *
 * @param events - the workflow's history, in order
 * @param approvalSentAtMs - when the approval was sent (ms since the epoch, this machine's clock);
 *   omitted when the workflow never waited for one
 * @throws Error when the history has no start or no close event
 */
export function workflowTimings(events: readonly HistoryEvent[], approvalSentAtMs?: number): WorkflowTimings {
  const start = events.find((e) => e.workflowExecutionStartedEventAttributes);
  const close = events.find(
    (e) =>
      e.workflowExecutionCompletedEventAttributes ??
      e.workflowExecutionFailedEventAttributes ??
      e.workflowExecutionTimedOutEventAttributes ??
      e.workflowExecutionCanceledEventAttributes,
  );
  if (!start || !close) throw new Error('workflowTimings: the history has no start or no close event');

  const scheduled = new Map<string, { type: string; at: number }>();
  const started = new Map<string, number>();
  const activities: ActivityTiming[] = [];
  let waitingSince: number | undefined;
  let approvalPolicyRead = false;
  for (const event of events) {
    const id = idOf(event.eventId);
    const s = event.activityTaskScheduledEventAttributes;
    if (s) scheduled.set(id, { type: s.activityType?.name ?? '?', at: timeOf(event) });
    const st = event.activityTaskStartedEventAttributes;
    if (st) started.set(idOf(st.scheduledEventId), timeOf(event));
    const closed =
      event.activityTaskCompletedEventAttributes ??
      event.activityTaskFailedEventAttributes ??
      event.activityTaskTimedOutEventAttributes;
    if (closed) {
      const key = idOf(closed.scheduledEventId);
      const from = scheduled.get(key);
      const at = started.get(key);
      if (from && at !== undefined) {
        activities.push({
          type: from.type,
          scheduleToStartMs: at - from.at,
          startToCloseMs: timeOf(event) - at,
        });
        if (from.type === 'readApprovalPolicy') approvalPolicyRead = true;
      }
    }
    // The workflow task that follows readApprovalPolicy opens the approval window.
    if (approvalPolicyRead && waitingSince === undefined && event.workflowTaskCompletedEventAttributes) {
      waitingSince = timeOf(event);
    }
  }
  const workflowMs = timeOf(close) - timeOf(start);
  const activityMs = activities.reduce((sum, a) => sum + a.startToCloseMs, 0);
  const approvalWaitMs =
    approvalSentAtMs !== undefined && waitingSince !== undefined
      ? Math.max(0, approvalSentAtMs - waitingSince)
      : 0;
  return {
    workflowMs,
    activities,
    activityMs,
    approvalWaitMs,
    overheadMs: workflowMs - activityMs - approvalWaitMs,
    scheduleToStartMs: activities.reduce((sum, a) => sum + a.scheduleToStartMs, 0),
    workflowTasks: events.filter((e) => e.workflowTaskCompletedEventAttributes).length,
    events: events.length,
  };
}
