import type { Command } from 'commander';
import { resolveProjectPaths } from '../../src/config/paths';
import { statusQuery } from '../../workflows/retrain-messages';
import { withClient } from '../connection';
import { followRetrain } from '../follow';
import { formatStatus } from '../format';

/** `status` and `watch`: look at a retrain. */
export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('Show a retrain: stage, training progress, metrics side by side, decision and reason')
    .argument('<workflowId>', 'the retrain workflow ID')
    .option('--json', 'print the raw status as JSON', false)
    .action(async (workflowId: string, options: { json: boolean }) => {
      await withClient(async (client) => {
        const status = await client.workflow.getHandle(workflowId).query(statusQuery);
        console.log(options.json ? JSON.stringify(status, null, 2) : formatStatus(workflowId, status));
      });
    });
  program
    .command('watch')
    .description('Follow a retrain with a progress bar until it ends')
    .argument('<workflowId>', 'the retrain workflow ID')
    .action(async (workflowId: string) => {
      await withClient(async (client) => {
        const result = await followRetrain(client.workflow.getHandle(workflowId), {
          projectRoot: resolveProjectPaths().root,
        });
        console.log(`\nOutcome: ${result.outcome} — ${result.reason}`);
      });
    });
}
