import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import { experimentStatusQuery, type ExperimentStatus } from '../../workflows/experiment-messages';
import type { RetrainStatus } from '../../workflows/retrain-messages';
import { resolveProjectPaths } from '../../src/config/paths';
import { withClient } from '../connection';
import { ExitCode } from '../exit-codes';
import { failureChain, formatFailure } from '../failure-chain';
import { followRetrain } from '../follow';
import { formatStatus } from '../format';
import { formatExperimentStatus } from './experiment-format';
import { asRunFailure, lookUpRetrain, queryRetrainStatus } from '../retrain-handle';
import { workflowIdArgument } from '../option-parsers';

/**
 * The live status of a retrain's running experiment (its child workflow), or
 * undefined when none runs or it does not answer (the retrain's status says where it is).
 */
async function liveExperiment(
  client: Client,
  status: RetrainStatus | undefined,
): Promise<ExperimentStatus | undefined> {
  const experiment = status?.experiment;
  if (experiment?.state !== 'running' || !experiment.workflowId) return undefined;
  const handle = client.workflow.getHandle(experiment.workflowId);
  return client.connection
    .withDeadline(Date.now() + 5_000, () => handle.query(experimentStatusQuery))
    .catch(() => undefined);
}

/** `status` and `watch`: look at a retrain. */
export function registerStatus(program: Command): void {
  program
    .command('status')
    .description(
      'Show a retrain: stage, training progress, metrics side by side, the experiment on live traffic (its numbers ' +
        'live while it runs), decision and reason. A retrain that failed ' +
        '(or was terminated, cancelled, timed out) shows why, down to the file, line and column of bad data, and the ' +
        'command exits with 2',
    )
    .argument('<workflowId>', 'the retrain workflow ID', workflowIdArgument)
    .option('--json', 'print the raw status as JSON (with "execution" and, when it failed, "failure")', false)
    .action(async (workflowId: string, options: { json: boolean }) => {
      await withClient(async (client) => {
        const { handle, execution, failure } = await lookUpRetrain(client, workflowId);
        const status = await queryRetrainStatus(client, handle);
        const ended = execution.toLowerCase().replaceAll('_', ' ');
        const live = await liveExperiment(client, status);
        if (options.json) {
          const chain = failure === undefined ? {} : { failure: failureChain(failure) };
          const running = live ? { liveExperiment: live } : {};
          console.log(JSON.stringify({ ...status, ...running, execution: ended, ...chain }, null, 2));
        } else {
          console.log(
            status
              ? formatStatus(workflowId, status)
              : `workflow   ${workflowId}\nstage      unknown: no worker answered the status query`,
          );
          if (live) console.log(`\n${formatExperimentStatus(live)}`);
          if (failure !== undefined) console.log(`\n${formatFailure(ended, failure)}`);
        }
        if (failure !== undefined) process.exitCode = ExitCode.RunFailed;
      });
    });
  program
    .command('watch')
    .description(
      'Follow a retrain with a progress bar until it ends; when it fails, print why and exit with 2',
    )
    .argument('<workflowId>', 'the retrain workflow ID', workflowIdArgument)
    .action(async (workflowId: string) => {
      await withClient(async (client) => {
        const { handle } = await lookUpRetrain(client, workflowId);
        const result = await followRetrain(handle, { projectRoot: resolveProjectPaths().root }).catch(
          (error: unknown) => {
            throw asRunFailure(workflowId, error);
          },
        );
        console.log(`\nOutcome: ${result.outcome} — ${result.reason}`);
      });
    });
}
