import type { Command } from 'commander';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { retrainWorkflow } from '../../workflows';
import { approvalUpdate } from '../../workflows/retrain-messages';
import { withClient } from '../connection';

interface ApprovalOptions {
  approver: string;
  comment?: string;
}

function registerDecision(program: Command, decision: 'approve' | 'reject'): void {
  program
    .command(decision)
    .description(
      decision === 'approve'
        ? 'Approve the candidate of a retrain that waits for approval; it is then promoted to production'
        : 'Reject the candidate of a retrain that waits for approval; production stays as it is',
    )
    .argument('<workflowId>', 'the retrain workflow ID, e.g. retrain-matchmaking-<md5>')
    .requiredOption('-a, --approver <name>', 'who decides (recorded with the model version)')
    .option('-c, --comment <text>', 'why (recorded with the model version)')
    .action(async (workflowId: string, options: ApprovalOptions) => {
      await withClient(async (client) => {
        try {
          const record = await client.workflow.getHandle(workflowId).executeUpdate(approvalUpdate, {
            args: [
              {
                answer: decision,
                approver: options.approver,
                ...(options.comment ? { comment: options.comment } : {}),
              },
            ],
          });
          console.log(
            `${decision === 'approve' ? 'Approved' : 'Rejected'} by ${record.approver} at ${record.answeredAt}`,
          );
        } catch (error) {
          if (error instanceof WorkflowUpdateFailedError) {
            throw new Error(`Refused: ${error.cause?.message ?? error.message}`);
          }
          throw (await endedRetrainError(client, workflowId)) ?? error;
        }
      });
    });
}

/**
 * When the retrain already ended (an update to a closed workflow fails on the
 * server), says how it ended instead of a bare gRPC error.
 */
async function endedRetrainError(client: Client, workflowId: string): Promise<Error | undefined> {
  try {
    const handle = client.workflow.getHandle<typeof retrainWorkflow>(workflowId);
    const { status } = await handle.describe();
    if (status.name === 'RUNNING') return undefined;
    if (status.name !== 'COMPLETED')
      return new Error(`Refused: the retrain ${workflowId} already ended (${status.name})`);
    const result = await handle.result();
    return new Error(`Refused: the retrain ${workflowId} already ended: ${result.outcome}. ${result.reason}`);
  } catch {
    return undefined;
  }
}

/** `approve` and `reject`, through the workflow's validated `approval` update. */
export function registerApproval(program: Command): void {
  registerDecision(program, 'approve');
  registerDecision(program, 'reject');
}
