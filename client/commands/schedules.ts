import type { Command } from 'commander';
import type { Client } from '@temporalio/client';
import { withClient } from '../connection';
import { formatTable } from '../format';
import { pipelineSchedules, scheduleSettingsFromEnv } from '../../temporal/schedules/definitions';
import { ensureSchedules } from '../../temporal/schedules/ensure-schedules';

function iso(date: Date | undefined): string {
  return date ? date.toISOString() : '—';
}

async function describe(client: Client, scheduleId: string): Promise<string> {
  const d = await client.schedule.getHandle(scheduleId).describe();
  const action = d.action.type === 'startWorkflow' ? d.action.workflowType : d.action.type;
  const lines = [
    `schedule    ${d.scheduleId}`,
    `state       ${d.state.paused ? 'paused' : 'active'}${d.state.note ? ` — ${d.state.note}` : ''}`,
    `spec        ${JSON.stringify(d.spec.calendars ?? d.spec)} (time zone ${d.spec.timezone ?? 'UTC'})`,
    `action      ${action}`,
    `policies    overlap ${d.policies.overlap}, catch-up window ${d.policies.catchupWindow} ms`,
    `next runs   ${d.info.nextActionTimes.slice(0, 3).map(iso).join(', ') || '—'}`,
    `recent      ${d.info.recentActions.map((a) => `${iso(a.takenAt)} ${a.action.workflow.workflowId}`).join('; ') || '—'}`,
  ];
  return lines.join('\n');
}

/** `schedules …`: create, inspect and steer the weekly drift check and the monthly retrain. */
export function registerSchedules(program: Command): void {
  const schedules = program
    .command('schedules')
    .description('Temporal Schedules: the weekly drift check and the monthly retrain');
  schedules
    .command('ensure')
    .description(
      'Create the schedules, or update them in place (never a duplicate). Cron and time zone from ' +
        'MLOPS_DRIFT_CRON (default "0 6 * * 1"), MLOPS_RETRAIN_CRON ("0 3 1 * *"), MLOPS_SCHEDULE_TIMEZONE ("UTC")',
    )
    .action(async () => {
      await withClient(async (client) => {
        for (const r of await ensureSchedules(client, pipelineSchedules(scheduleSettingsFromEnv()))) {
          console.log(`${r.action} ${r.scheduleId}`);
        }
      });
    });
  schedules
    .command('list')
    .description('List schedules with their next run time')
    .action(async () => {
      await withClient(async (client) => {
        const rows: string[][] = [['schedule', 'state', 'workflow', 'next run']];
        for await (const s of client.schedule.list()) {
          rows.push([
            s.scheduleId,
            s.state.paused ? 'paused' : 'active',
            s.action?.type === 'startWorkflow' ? s.action.workflowType : '—',
            iso(s.info.nextActionTimes[0]),
          ]);
        }
        console.log(formatTable(rows));
      });
    });
  schedules
    .command('describe')
    .description('Show a schedule: spec, policies, next run times, recent runs')
    .argument('<scheduleId>', 'e.g. weekly-drift-check-matchmaking')
    .action(async (scheduleId: string) => {
      await withClient(async (client) => console.log(await describe(client, scheduleId)));
    });
  schedules
    .command('pause')
    .description('Pause a schedule; the note says why')
    .argument('<scheduleId>')
    .requiredOption('--note <text>', 'why it is paused (shown in describe and the UI)')
    .action(async (scheduleId: string, options: { note: string }) => {
      await withClient((client) => client.schedule.getHandle(scheduleId).pause(options.note));
      console.log(`paused ${scheduleId}`);
    });
  schedules
    .command('unpause')
    .description('Resume a paused schedule')
    .argument('<scheduleId>')
    .option('--note <text>', 'why it runs again', 'unpaused with legalaid-mlops')
    .action(async (scheduleId: string, options: { note: string }) => {
      await withClient((client) => client.schedule.getHandle(scheduleId).unpause(options.note));
      console.log(`unpaused ${scheduleId}`);
    });
  schedules
    .command('trigger')
    .description("Run a schedule's action now (overlap policy SKIP still applies)")
    .argument('<scheduleId>')
    .action(async (scheduleId: string) => {
      await withClient((client) => client.schedule.getHandle(scheduleId).trigger('SKIP'));
      console.log(`triggered ${scheduleId}`);
    });
  schedules
    .command('backfill')
    .description('Take the actions a schedule would have taken between two times (e.g. after an outage)')
    .argument('<scheduleId>')
    .requiredOption('--from <iso>', 'start time, e.g. 2026-11-01T00:00:00Z')
    .requiredOption('--to <iso>', 'end time')
    .action(async (scheduleId: string, options: { from: string; to: string }) => {
      const start = new Date(options.from);
      const end = new Date(options.to);
      if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start) {
        throw new Error('--from and --to must be ISO times with --from before --to');
      }
      await withClient((client) =>
        client.schedule.getHandle(scheduleId).backfill({ start, end, overlap: 'ALLOW_ALL' }),
      );
      console.log(`backfilled ${scheduleId} from ${start.toISOString()} to ${end.toISOString()}`);
    });
  schedules
    .command('delete')
    .description('Delete a schedule (running workflows it started are not affected)')
    .argument('<scheduleId>')
    .action(async (scheduleId: string) => {
      await withClient((client) => client.schedule.getHandle(scheduleId).delete());
      console.log(`deleted ${scheduleId}`);
    });
}
