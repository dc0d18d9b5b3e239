import { InvalidArgumentError, type Command } from 'commander';
import { taskQueueFromEnv } from '../../src/config/temporal';
import type { monitoringWorkflow } from '../../workflows';
import type { MonitoringInput } from '../../workflows/monitoring-messages';
import { withClient } from '../connection';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`must be a positive integer, got "${value}"`);
  return n;
}

function fraction(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n < 1)) throw new InvalidArgumentError(`must be a number between 0 and 1, got "${value}"`);
  return n;
}

function isoTime(value: string): string {
  if (!Number.isFinite(Date.parse(value)))
    throw new InvalidArgumentError(`must be an ISO 8601 time, got "${value}"`);
  return new Date(value).toISOString();
}

interface RunOptions {
  start?: string;
  end?: string;
  period: string;
  minRows?: number;
  maxDrop?: number;
  minOutcomes?: number;
}

/** `monitor run`: the monitoring workflow now (what the weekly schedule runs). */
export function registerMonitor(program: Command): void {
  const monitor = program
    .command('monitor')
    .description(
      'Production monitoring: drift, estimated and realized performance, alerts and the dashboard',
    );
  monitor
    .command('run')
    .description(
      'Run the monitoring workflow for one period (default: the last 7 days) and wait for it: drift of the logged ' +
        "production inputs against the production model's training snapshot, CBPE-estimated and realized " +
        'performance, latency (SERVING_METRICS_URL on the worker), one period record under reports/monitoring/periods, ' +
        'the dashboard reports/monitoring/dashboard.html (also served at /dashboard); alerts ALERT_WEBHOOK_URL ' +
        'on drift or a degradation, once per episode',
    )
    .option('--start <iso>', 'period start (default: end − period)', isoTime)
    .option('--end <iso>', 'period end, exclusive (default: now)', isoTime)
    .option('--period <duration>', 'period length when --start is not given', '7 days')
    .option(
      '--min-rows <n>',
      'production rows below which drift and CBPE say "not enough traffic" (default 200)',
      positiveInt,
    )
    .option(
      '--max-drop <fraction>',
      'relative drop of the primary metric that is a degradation (default 0.05)',
      fraction,
    )
    .option(
      '--min-outcomes <n>',
      'outcomes the degradation rule needs in the period (default 200)',
      positiveInt,
    )
    .action(async (options: RunOptions) => {
      const degradation = {
        ...(options.maxDrop !== undefined ? { maxRelativeDrop: options.maxDrop } : {}),
        ...(options.minOutcomes !== undefined ? { minSamples: options.minOutcomes } : {}),
      };
      const input: MonitoringInput = {
        period: options.period,
        requestedBy: process.env.USER ?? 'cli',
        ...(options.start ? { periodStart: options.start } : {}),
        ...(options.end ? { periodEnd: options.end } : {}),
        ...(options.minRows !== undefined ? { minRows: options.minRows } : {}),
        ...(Object.keys(degradation).length > 0 ? { degradation } : {}),
      };
      await withClient(async (client) => {
        const result = await client.workflow.execute<typeof monitoringWorkflow>('monitoringWorkflow', {
          taskQueue: taskQueueFromEnv(),
          workflowId: `monitoring-manual-${Date.now()}`,
          args: [input],
        });
        console.log(
          [
            `Period ${result.period.start} – ${result.period.end}, production ${result.productionVersion ?? 'none'}`,
            `Drift: ${result.drift.status.replaceAll('_', ' ')}${result.drift.datasetDrift ? ', DATASET DRIFT' : ''}` +
              (result.driftAlert
                ? ` (alert ${result.driftAlert.sent ? 'sent' : 'not sent'}: ${result.driftAlert.reason})`
                : ''),
            `Degradation: ${result.degradation.replaceAll('_', ' ')} (alert ${result.performanceAlert.sent ? 'sent' : 'not sent'}: ${result.performanceAlert.reason})`,
            `Record: ${result.recordPath}`,
            `Dashboard: ${result.dashboardPath}`,
          ].join('\n'),
        );
      });
    });
}
