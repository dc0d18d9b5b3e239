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
  /** More environment for this run; `undefined` removes a variable the test process has. */
  readonly env?: Readonly<Record<string, string | undefined>>;
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
      env: withoutUndefined({
        ...process.env,
        // The machine's settings must not leak in: a UI link or a training queue of its own.
        TEMPORAL_UI_URL: undefined,
        MLOPS_TRAINING_TASK_QUEUE: undefined,
        TEMPORAL_ADDRESS: target.temporalAddress,
        MLOPS_HOME: target.projectRoot,
        ...(target.taskQueue ? { MLOPS_TASK_QUEUE: target.taskQueue } : {}),
        ...target.env,
      }),
    },
  );
  return stdout;
}

function withoutUndefined(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
}

/**
 * Runs `legalaid-mlops` expecting it to fail, and resolves with its exit code,
 * stdout and stderr; a run that succeeds fails the test.
 */
export async function runCliFailing(target: CliTarget, ...args: string[]): Promise<CliFailure> {
  const outcome = await runCli(target, ...args).then(
    (stdout) => ({ succeeded: stdout }),
    (error: unknown) => ({ failed: error as CliFailure }),
  );
  if ('succeeded' in outcome) {
    throw new Error(`expected legalaid-mlops ${args.join(' ')} to fail; it printed:\n${outcome.succeeded}`);
  }
  return { code: outcome.failed.code, stdout: outcome.failed.stdout, stderr: outcome.failed.stderr };
}
