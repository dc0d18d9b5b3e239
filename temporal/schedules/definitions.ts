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
  /**
   * A file of recent production inputs for the weekly drift check — env MLOPS_CURRENT_DATA. Unset (the
   * default): the weekly run is the monitoring workflow, whose drift check reads the prediction log.
   */
  readonly currentDataPath?: string;
  /** Length of a monitoring period. @default '7 days' — env MLOPS_MONITORING_PERIOD */
  readonly monitoringPeriod: string;
  /** Production rows below which drift and CBPE say "not enough traffic". @default 200 — env MLOPS_MONITORING_MIN_ROWS */
  readonly monitoringMinRows: number;
  /** @default 'data/matchmaking_dataset.csv' — env MLOPS_TRAINING_DATA */
  readonly trainingDataPath: string;
  /** Missed runs within this window (server or workers down) still run once they are back. @default '1 day' */
  readonly catchupWindow: string;
  readonly taskQueue: string;
}

function positiveInteger(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got "${text}"`);
  return value;
}

/** The weekly run: monitoring on the prediction log, or the drift check of a file when one is configured. */
function weeklyAction(settings: ScheduleSettings): ScheduleOptions['action'] {
  if (settings.currentDataPath !== undefined) {
    return {
      type: 'startWorkflow',
      workflowType: 'driftCheckWorkflow',
      workflowId: `drift-check-${MODEL_NAME}`,
      taskQueue: settings.taskQueue,
      args: [{ currentPath: settings.currentDataPath, requestedBy: 'schedule' }],
    };
  }
  return {
    type: 'startWorkflow',
    workflowType: 'monitoringWorkflow',
    workflowId: `monitoring-${MODEL_NAME}`,
    taskQueue: settings.taskQueue,
    args: [
      { period: settings.monitoringPeriod, minRows: settings.monitoringMinRows, requestedBy: 'schedule' },
    ],
  };
}

/** Reads {@link ScheduleSettings} from the environment. */
export function scheduleSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ScheduleSettings {
  return {
    driftCron: env.MLOPS_DRIFT_CRON ?? '0 6 * * 1',
    retrainCron: env.MLOPS_RETRAIN_CRON ?? '0 3 1 * *',
    timezone: env.MLOPS_SCHEDULE_TIMEZONE ?? 'UTC',
    ...(env.MLOPS_CURRENT_DATA ? { currentDataPath: env.MLOPS_CURRENT_DATA } : {}),
    monitoringPeriod: env.MLOPS_MONITORING_PERIOD ?? '7 days',
    monitoringMinRows: positiveInteger(env.MLOPS_MONITORING_MIN_ROWS, 'MLOPS_MONITORING_MIN_ROWS', 200),
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
      action: weeklyAction(settings),
      policies,
      state: {
        note:
          settings.currentDataPath !== undefined
            ? `Weekly drift check: compares ${settings.currentDataPath} with the snapshot the production model ` +
              'was trained on, writes a JSON result and an HTML report, alerts ALERT_WEBHOOK_URL on dataset drift.'
            : `Weekly monitoring: the last ${settings.monitoringPeriod} of the prediction log against the production ` +
              "model's training snapshot (drift), CBPE-estimated and realized performance from the outcomes, " +
              'one period record and the dashboard (reports/monitoring/); alerts ALERT_WEBHOOK_URL on drift ' +
              'or a degradation.',
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
