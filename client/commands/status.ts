import type { Command } from 'commander';
import { resolveProjectPaths } from '../../src/config/paths';
import { withClient } from '../connection';
import { ExitCode } from '../exit-codes';
import { failureChain, formatFailure } from '../failure-chain';
import { followRetrain } from '../follow';
import { formatStatus } from '../format';
import { asRunFailure, lookUpRetrain, queryRetrainStatus } from '../retrain-handle';
import { workflowIdArgument } from '../option-parsers';

/** `status` and `watch`: look at a retrain. */
export function registerStatus(program: Command): void {
  program
    .command('status')
    .description(
      'Show a retrain: stage, training progress, metrics side by side, decision and reason. A retrain that failed ' +
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
        if (options.json) {
          const chain = failure === undefined ? {} : { failure: failureChain(failure) };
          console.log(JSON.stringify({ ...status, execution: ended, ...chain }, null, 2));
        } else {
          console.log(
            status
              ? formatStatus(workflowId, status)
              : `workflow   ${workflowId}\nstage      unknown: no worker answered the status query`,
          );
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
