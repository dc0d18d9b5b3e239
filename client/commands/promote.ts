import type { Command } from 'commander';
import { taskQueueFromEnv } from '../../src/config/temporal';
import type { promoteWorkflow } from '../../workflows';
import { promoteInputSchema } from '../../workflows/input-schemas';
import { parseOrRefuse } from '../../workflows/payload';
import { promoteWorkflowId } from '../../workflows/promote';
import { withClient } from '../connection';

/** `promote`: switch production to a candidate a human already approved, without retraining. */
export function registerPromote(program: Command): void {
  program
    .command('promote')
    .description(
      'Switch production to an approved candidate whose retrain could not switch it (e.g. the disk was full ' +
        'or read-only for longer than its --promotion-timeout). Refuses a version nobody approved, or one ' +
        'compared with a production that has changed since.',
    )
    .argument('<version>', 'the approved version (models list shows its stage as "approved")')
    .requiredOption('--requested-by <name>', 'who asks (kept in the workflow history)')
    .option('--promotion-timeout <duration>', 'how long to keep trying through disk errors', '1 day')
    .action(async (version: string, options: { requestedBy: string; promotionTimeout: string }) => {
      const input = parseOrRefuse(promoteInputSchema, {
        version,
        requestedBy: options.requestedBy,
        promotionTimeout: options.promotionTimeout,
      });
      await withClient(async (client) => {
        const result = await client.workflow.execute<typeof promoteWorkflow>('promoteWorkflow', {
          taskQueue: taskQueueFromEnv(),
          workflowId: promoteWorkflowId(version),
          args: [input],
          workflowIdConflictPolicy: 'FAIL',
        });
        console.log(
          `Production is now ${result.production}` +
            (result.approver ? ` (approved by ${result.approver})` : '') +
            `; ${result.previous ?? '(none)'} is kept as the rollback target`,
        );
      });
    });
}
