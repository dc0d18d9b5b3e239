import { ScheduleNotFoundError, WorkflowFailedError, WorkflowNotFoundError } from '@temporalio/client';
import { NamespaceNotFoundError } from '@temporalio/common';
import { CliError } from './errors';
import { ExitCode } from './exit-codes';
import { formatFailure } from './failure-chain';

/** What the CLI prints on stderr for an error a command threw, and the exit code. */
export function reportError(error: unknown): { message: string; exitCode: ExitCode } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof WorkflowFailedError) {
    return { message: formatFailure('The workflow failed', error), exitCode: ExitCode.RunFailed };
  }
  if (error instanceof WorkflowNotFoundError) {
    return { message: `No workflow with ID ${error.workflowId}`, exitCode: ExitCode.Failed };
  }
  if (error instanceof ScheduleNotFoundError) {
    return { message: `No schedule with ID ${error.scheduleId}`, exitCode: ExitCode.Failed };
  }
  if (error instanceof NamespaceNotFoundError) {
    return { message: `No namespace ${error.namespace} on this Temporal server`, exitCode: ExitCode.Failed };
  }
  return { message: error instanceof Error ? error.message : String(error), exitCode: ExitCode.Failed };
}
