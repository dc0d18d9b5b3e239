import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from './temporal-servers';

/** Starts `worker-process.ts` in a child process and resolves once it polls. */
export async function startChildWorker(options: {
  address: string;
  projectRoot: string;
  taskQueue: string;
  /** @default 'all' */
  role?: 'all' | 'orchestration' | 'training';
  /** The deployment's training queue (MLOPS_TRAINING_TASK_QUEUE), which retrains read from this worker. */
  trainingTaskQueue?: string;
}): Promise<ChildProcess> {
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
