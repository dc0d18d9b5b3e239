import type { ScheduleOptions } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { taskQueueFromEnv } from '../../src/config/temporal';
import { MODEL_NAME } from '../../src/core/model';

/** Schedule IDs: stable, so creating them again updates instead of duplicating. */
export const ScheduleId = {
  WeeklyDriftCheck: `weekly-drift-check-${MODEL_NAME}`,
  MonthlyRetrain: `monthly-retrain-${MODEL_NAME}`,
} as const;
export type ScheduleId = (typeof ScheduleId)[keyof typeof ScheduleId];

/** When the schedules fire and what they read; every field has an env override. */
export interface ScheduleSettings {
  /** @default '0 6 * * 1' (Monday 06:00) — env MLOPS_DRIFT_CRON */
  readonly driftCron: string;
  /** @default '0 3 1 * *' (the 1st, 03:00) — env MLOPS_RETRAIN_CRON */
  readonly retrainCron: string;
  /** IANA time zone of both cron expressions. @default 'UTC' — env MLOPS_SCHEDULE_TIMEZONE */
  readonly timezone: string;
  /** @default 'data/current_data.csv' — env MLOPS_CURRENT_DATA */
  readonly currentDataPath: string;
  /** @default 'data/matchmaking_dataset.csv' — env MLOPS_TRAINING_DATA */
  readonly trainingDataPath: string;
  /** Missed runs within this window (server or workers down) still run once they are back. @default '1 day' */
  readonly catchupWindow: string;
  readonly taskQueue: string;
}

/** Reads {@link ScheduleSettings} from the environment. */
export function scheduleSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ScheduleSettings {
  return {
    driftCron: env.MLOPS_DRIFT_CRON ?? '0 6 * * 1',
    retrainCron: env.MLOPS_RETRAIN_CRON ?? '0 3 1 * *',
    timezone: env.MLOPS_SCHEDULE_TIMEZONE ?? 'UTC',
    currentDataPath: env.MLOPS_CURRENT_DATA ?? 'data/current_data.csv',
    trainingDataPath: env.MLOPS_TRAINING_DATA ?? 'data/matchmaking_dataset.csv',
    catchupWindow: env.MLOPS_SCHEDULE_CATCHUP ?? '1 day',
    taskQueue: taskQueueFromEnv(env),
  };
}

/**
 * The pipeline's two schedules. Overlap policy SKIP: a run still going when the
 * next is due makes the next one skip rather than pile up.
 */
export function pipelineSchedules(settings: ScheduleSettings): ScheduleOptions[] {
  const policies = { overlap: 'SKIP', catchupWindow: settings.catchupWindow as Duration } as const;
  return [
    {
      scheduleId: ScheduleId.WeeklyDriftCheck,
      spec: { cronExpressions: [settings.driftCron], timezone: settings.timezone },
      action: {
        type: 'startWorkflow',
        workflowType: 'driftCheckWorkflow',
        workflowId: `drift-check-${MODEL_NAME}`,
        taskQueue: settings.taskQueue,
        args: [
          {
            currentPath: settings.currentDataPath,
            requestedBy: 'schedule',
          },
        ],
      },
      policies,
      state: {
        note:
          `Weekly drift check: compares ${settings.currentDataPath} with the snapshot the production model ` +
          'was trained on, writes a JSON result and an HTML report, alerts ALERT_WEBHOOK_URL on dataset drift.',
      },
    },
    {
      scheduleId: ScheduleId.MonthlyRetrain,
      spec: { cronExpressions: [settings.retrainCron], timezone: settings.timezone },
      action: {
        type: 'startWorkflow',
        workflowType: 'launchRetrainWorkflow',
        workflowId: `monthly-retrain-launch-${MODEL_NAME}`,
        taskQueue: settings.taskQueue,
        args: [
          {
            datasetPath: settings.trainingDataPath,
            requestedBy: 'schedule',
          },
        ],
      },
      policies,
      state: {
        note:
          `Monthly retrain on ${settings.trainingDataPath}: starts retrain-${MODEL_NAME}-<md5> unless that ` +
          'dataset content was already retrained; the candidate still needs a human approval.',
      },
    },
  ];
}
