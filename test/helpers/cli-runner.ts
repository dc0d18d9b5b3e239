import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from './temporal-servers';

const execFileAsync = promisify(execFile);
const CLI = path.join(PROJECT_ROOT, 'client/cli.ts');

/** Where the CLI under test points: a Temporal server, a project folder, a task queue. */
export interface CliTarget {
  readonly temporalAddress: string;
  readonly projectRoot: string;
  readonly taskQueue?: string;
}

/** What a failed CLI run rejects with (node's execFile error). */
export interface CliFailure {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `legalaid-mlops` as a user would — a separate Node process, from the
 * project folder — and resolves with its stdout; a non-zero exit rejects with
 * a {@link CliFailure}.
 */
export async function runCli(target: CliTarget, ...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync(
    process.execPath,
    ['--require', require.resolve('tsx/cjs'), CLI, ...args],
    {
      cwd: target.projectRoot,
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: target.temporalAddress,
        MLOPS_HOME: target.projectRoot,
        ...(target.taskQueue ? { MLOPS_TASK_QUEUE: target.taskQueue } : {}),
      },
    },
  );
  return stdout;
}
