import type { Command } from 'commander';
import { WorkflowExecutionAlreadyStartedError, WorkflowFailedError } from '@temporalio/client';
import { taskQueueFromEnv } from '../../src/config/temporal';
import { parseRollbackRequest, RollbackRequestError } from '../../src/registry';
import type { rollbackWorkflow } from '../../workflows';
import { rollbackWorkflowId } from '../../workflows/workflow-ids';
import { withClient } from '../connection';
import { CliError } from '../errors';
import { rootCauseMessage } from '../failure-chain';
import { modelVersionArgument, nonEmptyText } from '../option-parsers';

interface RollbackOptions {
  requestedBy: string;
  reason?: string;
  to?: string;
}

/** `rollback`: restore an earlier production version, recording who asked and why. */
export function registerRollback(program: Command): void {
  program
    .command('rollback')
    .description(
      'Point production back at the previous version (the backup kept by the last switch), or at --to VERSION, ' +
        'a version that was production before. Who asked and why are written to models/history.jsonl. ' +
        'Right after a rollback, another one must name its target with --to (otherwise it would undo the first); ' +
        'without --to it is refused with what the first rollback did.',
    )
    .requiredOption('--requested-by <name>', 'who asks (written to history.jsonl)', nonEmptyText)
    .option('--reason <text>', 'why (written to history.jsonl)', nonEmptyText)
    .option('--to <version>', 'the version to restore, e.g. v20261128-133600-3f2a9c1d', modelVersionArgument)
    .action(async (options: RollbackOptions) => {
      let request;
      try {
        request = parseRollbackRequest(options); // the schema the worker applies to the workflow input
      } catch (error) {
        if (error instanceof RollbackRequestError) throw new CliError(error.message);
        throw error;
      }
      await withClient(async (client) => {
        const result = await client.workflow
          .execute<typeof rollbackWorkflow>('rollbackWorkflow', {
            taskQueue: taskQueueFromEnv(),
            workflowId: rollbackWorkflowId(),
            args: [request],
            workflowIdConflictPolicy: 'FAIL',
          })
          .catch((error: unknown) => {
            if (error instanceof WorkflowExecutionAlreadyStartedError) {
              throw new CliError(
                `Not rolled back: a rollback is already running (workflow ${error.workflowId})`,
              );
            }
            if (error instanceof WorkflowFailedError) {
              throw new CliError(`Not rolled back: ${rootCauseMessage(error)}`);
            }
            throw error;
          });
        console.log(
          `Production is now ${result.production}; ${result.previous ?? '(none)'} is kept as the rollback target`,
        );
        console.log(
          `Recorded in history.jsonl: rollback requested by ${request.requestedBy}` +
            (request.reason ? ` — "${request.reason}"` : ''),
        );
      });
    });
}
