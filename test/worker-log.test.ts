import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promises as fs, openSync, closeSync } from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { retrainWorkflow } from '../workflows';
import { killHard } from './helpers/child-worker';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';
import { PROJECT_ROOT, startDevServer } from './helpers/temporal-servers';

/** The worker's JSON log lines. */
async function logLines(file: string): Promise<Record<string, unknown>[]> {
  const text = await fs.readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the worker log', () => {
  let env: TestWorkflowEnvironment;
  let fixture: ProjectFixture;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    env = await startDevServer();
    fixture = await createProjectFixture();
  });
  afterAll(async () => {
    if (worker) await killHard(worker);
    await env?.teardown();
    await fixture?.remove();
  });

  it('carries the message and cause chain of a failed activity, not only its type', async () => {
    const taskQueue = `worker-log-${randomUUID()}`;
    const logFile = path.join(fixture.paths.root, 'worker.log');
    const fd = openSync(logFile, 'a');
    // The real worker entry point (worker.ts main): its pino logger and the Runtime's adapter.
    worker = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), 'worker.ts'], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: env.address,
        TEMPORAL_NAMESPACE: 'default',
        MLOPS_HOME: fixture.paths.root,
        MLOPS_TASK_QUEUE: taskQueue,
        MLOPS_TRAINING_TASK_QUEUE: '',
        MLOPS_ENSURE_SCHEDULES: 'false',
        MLFLOW_TRACKING_URI: '',
        LOG_LEVEL: 'info',
        LOG_PRETTY: '0',
      },
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    for (let i = 0; i < 600; i++) {
      if ((await logLines(logFile)).some((line) => line.msg === 'worker started')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const good = await fixture.writeDataset('good.csv', { rows: 50, seed: 3 });
    const lines = (await fs.readFile(path.join(fixture.paths.root, good), 'utf8')).split('\n');
    lines[2] = lines[2]!.replace(/^[^,]*/, 'forty');
    const bad = await fixture.writeRawDataset('bad.csv', lines.join('\n'));
    const handle = await env.client.workflow.start<typeof retrainWorkflow>('retrainWorkflow', {
      taskQueue,
      workflowId: `worker-log-${randomUUID()}`,
      args: [{ datasetPath: bad }],
    });
    await expect(handle.result()).rejects.toThrow();

    // The SDK logs the failed activity as { error }; it must name the file, line and problem.
    let failed: Record<string, unknown> | undefined;
    for (let i = 0; i < 100 && !failed; i++) {
      failed = (await logLines(logFile)).find((line) => line.msg === 'Activity failed');
      if (!failed) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(failed).toBeDefined();
    const error = failed!.error as Record<string, unknown>;
    expect(error.failureType).toBe('InvalidDataset');
    expect(error.message).toEqual(expect.stringContaining('data/bad.csv line 3'));
    expect(error.stack).toEqual(expect.stringContaining('ApplicationFailure'));
  });
});
