import { Context } from '@temporalio/activity';

/**
 * The workflow execution that scheduled the current activity. Every activity in
 * this project is started by a workflow; a standalone activity is a bug.
 */
export function callingWorkflow(): { workflowId: string; runId: string } {
  const execution = Context.current().info.workflowExecution;
  if (!execution) throw new Error('this activity must be scheduled by a workflow');
  return execution;
}
