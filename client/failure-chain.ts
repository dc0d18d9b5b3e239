import { WorkflowFailedError } from '@temporalio/client';
import {
  ActivityFailure,
  ApplicationFailure,
  CancelledFailure,
  ChildWorkflowFailure,
  RetryState,
  TerminatedFailure,
  TimeoutFailure,
} from '@temporalio/common';
import { CliError } from './errors';
import { ExitCode } from './exit-codes';

/** One link of a failure's cause chain in words; undefined for links that add nothing. */
function describeLink(error: Error): string | undefined {
  if (error instanceof WorkflowFailedError) return undefined; // "Workflow execution failed": the heading says it
  if (error instanceof ActivityFailure) {
    const exhausted = error.retryState === RetryState.MAXIMUM_ATTEMPTS_REACHED ? ' (retries exhausted)' : '';
    return `activity ${error.activityType} failed${exhausted}`;
  }
  if (error instanceof ChildWorkflowFailure) {
    return `child workflow ${error.execution.workflowId} (${error.workflowType}) failed`;
  }
  if (error instanceof ApplicationFailure) return `${error.type ?? 'Error'}: ${error.message}`;
  if (error instanceof TerminatedFailure) return `terminated${error.message ? `: ${error.message}` : ''}`;
  if (error instanceof TimeoutFailure) return `timed out (${error.timeoutType})`;
  if (error instanceof CancelledFailure) return `cancelled${error.message ? `: ${error.message}` : ''}`;
  return error.message || error.name;
}

/**
 * A failure's message chain, outermost first: which activity or child failed,
 * then the error that says what went wrong — for bad data the file, line and
 * column, e.g.
 * `['activity snapshotDataset failed', 'InvalidDataset: data/x.csv line 7, column "age": …']`.
 */
export function failureChain(error: unknown): string[] {
  const lines: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    const line = describeLink(current);
    if (line) lines.push(line);
    current = current.cause;
  }
  if (lines.length === 0) lines.push(error instanceof Error ? error.message : String(error));
  return lines;
}

/** The innermost link of the chain: the error that says what went wrong. */
export function rootCauseMessage(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(error);
}

/** `heading:` then the chain, indented, one link a line. */
export function formatFailure(heading: string, error: unknown): string {
  return [`${heading}:`, ...failureChain(error).map((line) => `  ${line}`)].join('\n');
}

/** The error a command throws when the workflow it follows or shows ended badly (exit code 2). */
export function runFailedError(what: string, workflowId: string, error: unknown): CliError {
  return new CliError(formatFailure(`${what} ${workflowId} failed`, error), ExitCode.RunFailed);
}
