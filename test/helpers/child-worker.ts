import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { PROJECT_ROOT } from './temporal-servers';

/** How to start a child worker. */
export interface ChildWorkerOptions {
  address: string;
  projectRoot: string;
  taskQueue: string;
  /** @default 'all' */
  role?: 'all' | 'orchestration' | 'training';
  /** The deployment's training queue (MLOPS_TRAINING_TASK_QUEUE), which retrains read from this worker. */
  trainingTaskQueue?: string;
  /** MLflow tracking URI the worker mirrors run records to. @default none (the machine's is not inherited) */
  mlflowTrackingUri?: string;
  /**
   * A workflow bundle file (see {@link writeWorkflowBundle}): the worker loads it instead of
   * bundling at start, which takes long on a loaded machine and again after every restart.
   */
  workflowBundlePath?: string;
  /** More environment, e.g. MLOPS_STORE and the AWS variables of a shared bucket. */
  env?: Readonly<Record<string, string>>;
}

const noop = (): void => undefined;

/**
 * Bundles the workflows into a file (once per test file) that child workers
 * load with `workflowBundlePath`, so starting or restarting one does not bundle.
 */
export async function writeWorkflowBundle(): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: console.error },
  });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'legalaid-bundle-'));
  const file = path.join(dir, 'workflow-bundle.js');
  await fs.writeFile(file, code);
  return file;
}

/** Starts `worker-process.ts` in a child process and resolves once it polls. */
export async function startChildWorker(options: ChildWorkerOptions): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--require', require.resolve('tsx/cjs'), path.join(__dirname, 'worker-process.ts')],
    {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: options.address,
        MLOPS_HOME: options.projectRoot,
        WORKER_TASK_QUEUE: options.taskQueue,
        WORKER_ROLE: options.role ?? 'all',
        MLOPS_TRAINING_TASK_QUEUE: options.trainingTaskQueue ?? '',
        MLFLOW_TRACKING_URI: options.mlflowTrackingUri ?? '',
        WORKER_WORKFLOW_BUNDLE: options.workflowBundlePath ?? '',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    // Generous: the workflow bundle is built at start, slowly on a loaded 2-core machine.
    const timer = setTimeout(() => reject(new Error('child worker did not start within 180 s')), 180_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('worker ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child worker exited with ${code}`));
    });
  });
  return child;
}

/** Kills a child with SIGKILL (no cleanup runs, as in a crash) and waits for it to be gone. */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** The process whose Temporal worker identity (`<pid>@<host>`) this is, among `children`. */
export function childByIdentity(
  children: readonly ChildProcess[],
  identity: string,
): ChildProcess | undefined {
  return children.find((child) => child.pid !== undefined && identity.startsWith(`${child.pid}@`));
}
