import { pipelineSchedules, ScheduleId, scheduleSettingsFromEnv } from './definitions';

function weekly(env: NodeJS.ProcessEnv) {
  const schedule = pipelineSchedules(scheduleSettingsFromEnv(env)).find(
    (s) => s.scheduleId === ScheduleId.WeeklyDriftCheck,
  )!;
  return schedule.action as { workflowType: string; args: unknown[] };
}

describe('the weekly schedule', () => {
  it('runs the monitoring workflow on the prediction log by default, period and row threshold from the env', () => {
    expect(weekly({})).toMatchObject({
      workflowType: 'monitoringWorkflow',
      args: [{ period: '7 days', minRows: 200, requestedBy: 'schedule' }],
    });
    expect(weekly({ MLOPS_MONITORING_PERIOD: '14 days', MLOPS_MONITORING_MIN_ROWS: '50' })).toMatchObject({
      args: [{ period: '14 days', minRows: 50 }],
    });
  });

  it('runs the drift check on a file when MLOPS_CURRENT_DATA names one', () => {
    expect(weekly({ MLOPS_CURRENT_DATA: 'data/current_data.csv' })).toMatchObject({
      workflowType: 'driftCheckWorkflow',
      args: [{ currentPath: 'data/current_data.csv', requestedBy: 'schedule' }],
    });
  });

  it('refuses a row threshold that is not a positive integer, naming the variable', () => {
    expect(() => scheduleSettingsFromEnv({ MLOPS_MONITORING_MIN_ROWS: '0' })).toThrow(
      'MLOPS_MONITORING_MIN_ROWS must be a positive integer, got "0"',
    );
  });
});
