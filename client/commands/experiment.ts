/**
 * `experiment start|status|report|set-share|pause|resume|abort`: run a shadow /
 * canary experiment of a candidate version against production and steer it.
 * Controls go through the workflow's validated `experiment-control` update,
 * so a refused one (a share above 50 %, pausing a paused experiment) says why
 * and changes nothing; approving a candidate the test found better is the
 * usual `approve <workflowId>`.
 */
import type { Command } from 'commander';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { resolveProjectPaths } from '../../src/config/paths';
import { taskQueueFromEnv } from '../../src/config/temporal';
import { parseExperimentInput } from '../../src/experiments/experiment-input';
import type { experimentWorkflow } from '../../workflows';
import {
  experimentControlUpdate,
  experimentStatusQuery,
  type ControlInput,
} from '../../workflows/experiment-messages';
import { experimentWorkflowId } from '../../workflows/workflow-ids';
import { experimentReportsDir, writeExperimentReport } from '../../src/reports/experiment-report-files';
import { withClient } from '../connection';
import { assertDirectoryOrAbsent } from '../local-paths';
import { formatExperimentStatus } from './experiment-format';

interface StartOptions {
  policy: string;
  share: string;
  batchInterval: string;
  shadowDuration: string;
  maxDuration: string;
  approvalTimeout: string;
  alpha?: string;
  metric?: string;
  minSamples?: string;
  report?: boolean;
  requestedBy: string;
}

/** A workflow ID, or a version name turned into its experiment's workflow ID. */
function experimentId(idOrVersion: string): string {
  return idOrVersion.startsWith('experiment-') ? idOrVersion : experimentWorkflowId(idOrVersion);
}

const number = (text: string | undefined, flag: string): number | undefined => {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    throw new Error(`${flag} must be a number, got "${text}"`);
  return value;
};

async function control(idOrVersion: string, input: ControlInput): Promise<void> {
  await withClient(async (client) => {
    try {
      const record = await client.workflow
        .getHandle(experimentId(idOrVersion))
        .executeUpdate(experimentControlUpdate, { args: [input] });
      console.log(
        `${record.action}${record.share !== undefined ? ` ${record.share}` : ''} recorded: by ${record.by} at ${record.at}`,
      );
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        throw new Error(`Refused: ${error.cause?.message ?? error.message}`);
      }
      throw error;
    }
  });
}

function registerControl(experiment: Command, name: 'pause' | 'resume' | 'abort', description: string): void {
  experiment
    .command(name)
    .description(description)
    .argument('<experiment>', 'the experiment workflow ID, or the candidate version')
    .requiredOption('--by <name>', 'who asks (recorded with the time)')
    .option('--reason <text>', 'why')
    .action(async (id: string, options: { by: string; reason?: string }) => {
      await control(id, {
        action: name,
        by: options.by,
        ...(options.reason ? { reason: options.reason } : {}),
      });
    });
}

/** Registers `experiment …`. */
export function registerExperiment(program: Command): void {
  const experiment = program
    .command('experiment')
    .description(
      'Shadow and canary experiments of a candidate version, decided by an always-valid sequential test',
    );
  experiment
    .command('start')
    .description(
      'Start an experiment of <candidate> against production (workflow ID experiment-matchmaking-<candidate>)',
    )
    .argument('<candidate>', 'the model version to try, e.g. v20261128-133600-3f2a9c1d')
    .requiredOption('--requested-by <name>', 'who asks (kept in the workflow history)')
    .option('--policy <policy>', 'shadow | shadow_then_canary | canary', 'shadow_then_canary')
    .option('--share <share>', 'canary share of clients, 0–0.5', '0.1')
    .option('--batch-interval <duration>', 'how often a batch is analysed', '5 minutes')
    .option('--shadow-duration <duration>', 'shadow stage length before the canary', '1 hour')
    .option('--max-duration <duration>', 'end "inconclusive" after this long', '14 days')
    .option('--approval-timeout <duration>', 'how long a person has to approve a better candidate', '7 days')
    .option('--alpha <alpha>', 'significance level of the sequential test (default 0.05)')
    .option('--metric <metric>', 'canary decision metric: success_rate | log_loss (default success_rate)')
    .option('--min-samples <n>', 'outcomes per arm before the test looks (default 100)')
    .option('--report', 'end with the verdict instead of asking for approval and promoting')
    .action(async (candidate: string, options: StartOptions) => {
      const settings = {
        ...(options.alpha !== undefined ? { alpha: number(options.alpha, '--alpha') } : {}),
        ...(options.metric !== undefined ? { metric: options.metric } : {}),
        ...(options.minSamples !== undefined
          ? { minSamples: number(options.minSamples, '--min-samples') }
          : {}),
      };
      // Parsed here too, so a bad option is refused before anything starts.
      const input = parseExperimentInput({
        candidate,
        policy: options.policy,
        canaryShare: number(options.share, '--share'),
        batchInterval: options.batchInterval,
        shadowDuration: options.shadowDuration,
        maxDuration: options.maxDuration,
        approvalTimeout: options.approvalTimeout,
        onBetter: options.report ? 'report' : 'approve',
        settings,
        requestedBy: options.requestedBy,
      });
      await withClient(async (client) => {
        const handle = await client.workflow.start<typeof experimentWorkflow>('experimentWorkflow', {
          taskQueue: taskQueueFromEnv(),
          workflowId: experimentWorkflowId(candidate),
          args: [input],
          workflowIdConflictPolicy: 'FAIL',
        });
        console.log(
          `Started experiment ${handle.workflowId} (${input.policy}, canary share ${input.canaryShare})`,
        );
        console.log(`Follow it with: experiment status ${handle.workflowId}`);
      });
    });
  experiment
    .command('status')
    .description('Stage, per-arm counts, effect with its confidence sequence, guardrails and controls')
    .argument('<experiment>', 'the experiment workflow ID, or the candidate version')
    .option('--json', 'print the status query answer as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      await withClient(async (client) => {
        const status = await client.workflow.getHandle(experimentId(id)).query(experimentStatusQuery);
        console.log(options.json ? JSON.stringify(status, null, 2) : formatExperimentStatus(status));
      });
    });
  experiment
    .command('report')
    .description(
      'Write the experiment HTML report now from its status (charts over the batches, tests, guardrails, ' +
        'controls, decision): reports/experiments/<workflow ID>.html and .json; the workflow also writes it when it ends',
    )
    .argument('<experiment>', 'the experiment workflow ID, or the candidate version')
    .option('--out <dir>', 'folder for the two files (default reports/experiments under MLOPS_HOME)')
    .action(async (id: string, options: { out?: string }) => {
      const dir = options.out ?? experimentReportsDir(resolveProjectPaths().reportsDir);
      await assertDirectoryOrAbsent('--out', dir);
      await withClient(async (client) => {
        const status = await client.workflow.getHandle(experimentId(id)).query(experimentStatusQuery);
        const written = await writeExperimentReport({ dir, status, createdAt: new Date().toISOString() });
        console.log(`Report: ${written.htmlPath}`);
        console.log(`Data:   ${written.jsonPath}`);
      });
    });
  experiment
    .command('set-share')
    .description('Change the canary share (0–0.5); clients already in the canary stay in it when it grows')
    .argument('<experiment>', 'the experiment workflow ID, or the candidate version')
    .argument('<share>', 'the new share, 0–0.5')
    .requiredOption('--by <name>', 'who asks (recorded with the time)')
    .option('--reason <text>', 'why')
    .action(async (id: string, share: string, options: { by: string; reason?: string }) => {
      await control(id, {
        action: 'set_share',
        share: number(share, '<share>')!,
        by: options.by,
        ...(options.reason ? { reason: options.reason } : {}),
      });
    });
  registerControl(experiment, 'pause', 'Send all traffic to production until resumed (the analysis goes on)');
  registerControl(experiment, 'resume', 'Resume a paused experiment');
  registerControl(experiment, 'abort', 'End the experiment now: production only, nothing promoted');
}
