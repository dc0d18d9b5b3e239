import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ModelRegistry } from '../src/registry';
import { pipelineHarness, waitForStage, type PipelineHarness } from './helpers/pipeline-harness';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';
import { PROJECT_ROOT, startDevServer } from './helpers/temporal-servers';

const execFileAsync = promisify(execFile);
const CLI = path.join(PROJECT_ROOT, 'client/cli.ts');

describe('the legalaid-mlops CLI', () => {
  let env: TestWorkflowEnvironment;
  let fixture: ProjectFixture;
  let harness: PipelineHarness;

  /** Runs the CLI as a user would, against the test server and fixture project. */
  async function cli(...args: string[]): Promise<string> {
    const { stdout } = await execFileAsync(
      process.execPath,
      ['--require', require.resolve('tsx/cjs'), CLI, ...args],
      {
        cwd: fixture.paths.root,
        env: {
          ...process.env,
          TEMPORAL_ADDRESS: env.address,
          MLOPS_HOME: fixture.paths.root,
          MLOPS_TASK_QUEUE: harness.taskQueue,
        },
      },
    );
    return stdout;
  }

  beforeAll(async () => {
    env = await startDevServer();
    fixture = await createProjectFixture();
    harness = pipelineHarness(env, fixture);
  });
  afterAll(async () => {
    await env?.teardown();
    await fixture?.remove();
  });

  it('documents every command in --help', async () => {
    const help = await cli('--help');
    for (const command of ['retrain', 'status', 'watch', 'approve', 'reject', 'models', 'rollback']) {
      expect(help).toContain(command);
    }
    expect(await cli('approve', '--help')).toContain('--approver <name>');
    expect(await cli('retrain', '--help')).toContain('--approval-timeout <duration>');
  });

  it('retrains, approves, lists and rolls back through the CLI', async () => {
    const first = await fixture.writeDataset('first.csv', { rows: 1000, seed: 31 });
    const second = await fixture.writeDataset('second.csv', { rows: 4000, seed: 32 });
    // This test is about the CLI, not model quality: any candidate at least as good as production qualifies.
    const policy = '{"floors":{},"minImprovement":0,"guardrails":{}}';
    const registry = new ModelRegistry(fixture.paths.modelsDir);
    await harness.withWorker(async () => {
      const versions: string[] = [];
      for (const dataset of [first, second]) {
        const started = await cli(
          'retrain',
          '--dataset',
          dataset,
          '--epochs',
          '8',
          '--promotion-policy',
          policy,
        );
        const workflowId = /Started (retrain-matchmaking-[0-9a-f]{32})/.exec(started)?.[1];
        expect(workflowId).toBeDefined();
        await waitForStage(env.client.workflow.getHandle(workflowId!), 'awaiting_approval');
        expect(await cli('status', workflowId!)).toContain('stage      awaiting_approval');
        expect(await cli('approve', workflowId!, '--approver', 'ana', '--comment', 'ok')).toContain(
          'Approved by ana',
        );
        const result = (await env.client.workflow.getHandle(workflowId!).result()) as { version: string };
        versions.push(result.version);
      }
      const list = await cli('models', 'list');
      expect(list).toMatch(new RegExp(`${versions[1]}\\s+production`));
      expect(list).toMatch(new RegExp(`${versions[0]}\\s+archived`));

      expect(await cli('rollback', '--requested-by', 'ana', '--reason', 'test')).toContain(
        `Production is now ${versions[0]}`,
      );
      expect(await registry.productionVersion()).toBe(versions[0]);
      expect(await registry.previousVersion()).toBe(versions[1]);
    });
  });
});
