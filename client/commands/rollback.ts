import type { Command } from 'commander';
import { taskQueueFromEnv } from '../../src/config/temporal';
import type { rollbackWorkflow } from '../../workflows';
import { withClient } from '../connection';
import { rollbackWorkflowId } from '../../workflows/workflow-ids';

/** `rollback`: restore the previous production version. */
export function registerRollback(program: Command): void {
  program
    .command('rollback')
    .description('Point production back at the previous version (the backup kept by the last promotion)')
    .requiredOption('--requested-by <name>', 'who asks (kept in the workflow history)')
    .option('--reason <text>', 'why')
    .action(async (options: { requestedBy: string; reason?: string }) => {
      await withClient(async (client) => {
        const result = await client.workflow.execute<typeof rollbackWorkflow>('rollbackWorkflow', {
          taskQueue: taskQueueFromEnv(),
          workflowId: rollbackWorkflowId(),
          args: [{ requestedBy: options.requestedBy, ...(options.reason ? { reason: options.reason } : {}) }],
          workflowIdConflictPolicy: 'FAIL',
        });
        console.log(
          `Production is now ${result.production}; ${result.previous ?? '(none)'} is kept as the rollback target`,
        );
      });
    });
}
