import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ModelRegistry } from '../src/registry';
import type { evaluateModelWorkflow } from '../workflows';
import { pipelineHarness, QUICK_TRAINING, waitForStage } from './helpers/pipeline-harness';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';
import { startDevServer, temporalCliPath } from './helpers/temporal-servers';

const exec = promisify(execFile);

/** One payload of every JSON type, and objects whose fields have the wrong types. */
const POISON: readonly string[] = [
  'null',
  '42',
  '"ana"',
  'true',
  '["ana"]',
  '{}',
  '{"approver":"ana","comment":42}',
  '{"approver":42}',
  '{"approver":{"name":"ana"}}',
  '{"approver":["ana"]}',
  '{"approver":null}',
  '{"approver":"   "}',
  '{"epoch":"one","loss":{}}',
];

/** Payloads a signal would take (an approver is all it needs) but the update must refuse. */
const UPDATE_ONLY_POISON: readonly string[] = [
  '{"approver":"ana"}',
  '{"answer":"maybe","approver":"ana"}',
  '{"answer":7,"approver":"ana"}',
  '{"answer":null,"approver":"ana"}',
];

describe('poison payloads, sent with the temporal CLI, never freeze a workflow', () => {
  let env: TestWorkflowEnvironment;
  let fixture: ProjectFixture;
  let hugeFile: string;

  /** Runs `temporal workflow <args>` against the test server; resolves with exit code and output. */
  async function temporal(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await exec(
        temporalCliPath(),
        ['workflow', ...args, '--address', env.address],
        {
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  async function status(workflowId: string): Promise<{ stage: string }> {
    const answer = await temporal(
      'query',
      '--workflow-id',
      workflowId,
      '--name',
      'status',
      '--output',
      'json',
    );
    expect(answer).toMatchObject({ code: 0 });
    const parsed = JSON.parse(answer.stdout) as { queryResult: [{ stage: string }] };
    return parsed.queryResult[0];
  }

  beforeAll(async () => {
    env = await startDevServer();
    fixture = await createProjectFixture();
    hugeFile = path.join(fixture.paths.root, 'huge.json');
    await fs.writeFile(hugeFile, JSON.stringify({ approver: 'ana', comment: 'x'.repeat(1_000_000) }));
  });
  afterAll(async () => {
    await env?.teardown();
    await fixture?.remove();
  });

  it('retrain: every signal, update and query shrugs off every payload, and the candidate is still approvable', async () => {
    const harness = pipelineHarness(env, fixture);
    const dataset = await fixture.writeDataset('train.csv', { rows: 1500, seed: 61 });
    await harness.withWorker(async () => {
      const handle = await harness.startRetrain({
        datasetPath: dataset,
        trainingParams: QUICK_TRAINING,
        promotionPolicy: { floors: {} },
      });
      const id = handle.workflowId;
      // During training too: the progress signal is parsed like any other.
      await waitForStage(handle, 'training');
      for (const payload of POISON) {
        await temporal('signal', '--workflow-id', id, '--name', 'trainingProgress', '--input', payload);
      }
      await waitForStage(handle, 'awaiting_approval');

      for (const payload of POISON) {
        for (const signal of ['approve', 'reject', 'trainingProgress']) {
          expect(
            await temporal('signal', '--workflow-id', id, '--name', signal, '--input', payload),
          ).toMatchObject({
            code: 0,
          });
        }
        const update = await temporal(
          'update',
          'execute',
          '--workflow-id',
          id,
          '--name',
          'approval',
          '--input',
          payload,
        );
        expect(update.code).not.toBe(0);
        // status takes no argument: one given is ignored.
        await temporal('query', '--workflow-id', id, '--name', 'status', '--input', payload);
        expect(await status(id)).toMatchObject({ stage: 'awaiting_approval' });
      }
      for (const payload of UPDATE_ONLY_POISON) {
        const update = await temporal(
          'update',
          'execute',
          '--workflow-id',
          id,
          '--name',
          'approval',
          '--input',
          payload,
        );
        expect(update.code).not.toBe(0);
        expect(update.stderr).toContain('answer must be "approve" or "reject"');
      }
      expect(await status(id)).toMatchObject({ stage: 'awaiting_approval' });
      // A huge payload (1 MB comment) is refused with its length, by signal and by update.
      await temporal('signal', '--workflow-id', id, '--name', 'approve', '--input-file', hugeFile);
      const huge = await temporal(
        'update',
        'execute',
        '--workflow-id',
        id,
        '--name',
        'approval',
        '--input-file',
        hugeFile,
      );
      expect(huge.stderr).toContain('comment must be at most 2000 characters, got 1000000');
      // Refusals say exactly what is wrong, and are final, not retryable.
      const wrongType = await temporal(
        'update',
        'execute',
        '--workflow-id',
        id,
        '--name',
        'approval',
        '--input',
        '{"answer":"approve","approver":"ana","comment":42}',
      );
      expect(wrongType.stderr).toContain('comment must be a string, got number');
      const numberApprover = await temporal(
        'update',
        'execute',
        '--workflow-id',
        id,
        '--name',
        'approval',
        '--input',
        '{"answer":"approve","approver":42}',
      );
      expect(numberApprover.stderr).toContain('approver must be a string, got number');
      expect(await status(id)).toMatchObject({ stage: 'awaiting_approval' });

      // Still approvable, by the very command with a good comment.
      await temporal(
        'signal',
        '--workflow-id',
        id,
        '--name',
        'approve',
        '--input',
        '{"approver":"ana","comment":"ok"}',
      );
      const result = await handle.result();
      expect(result).toMatchObject({ outcome: 'promoted', approval: { approver: 'ana', comment: 'ok' } });
      expect(await new ModelRegistry(fixture.paths.modelsDir).productionVersion()).toBe(result.version);
      // The model lock was released: nothing is left held.
      await expect(fs.readdir(path.join(fixture.paths.modelsDir, 'locks'))).resolves.toEqual([]);
      // No workflow task ever failed.
      const history = await handle.fetchHistory();
      expect((history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
    });
  }, 300_000);

  it('evaluation and drift check: their status query ignores any argument; bad inputs are refused at start', async () => {
    const harness = pipelineHarness(env, fixture);
    await harness.withWorker(async () => {
      const id = `evaluate-${randomUUID()}`;
      const evaluation = env.client.workflow.execute<typeof evaluateModelWorkflow>('evaluateModelWorkflow', {
        taskQueue: harness.taskQueue,
        workflowId: id,
        args: [{ datasetPath: 'data/train.csv', rows: 'test' }],
      });
      await evaluation;
      for (const payload of POISON) {
        await temporal('query', '--workflow-id', id, '--name', 'status', '--input', payload);
      }
      expect(await status(id)).toMatchObject({ stage: 'completed' });

      // Inputs of every JSON type: refused before any work, naming the field and type.
      for (const [workflowType, input, message] of [
        ['evaluateModelWorkflow', '{"rows":42}', 'rows must be "test" or "all"'],
        ['driftCheckWorkflow', '{"driftShare":"half"}', 'driftShare must be a number, got string'],
        [
          'driftCheckWorkflow',
          '{"alertCooldown":"soon"}',
          'alertCooldown "soon" is not a duration like "7 days"',
        ],
        ['rollbackWorkflow', '{"requestedBy":7}', 'requestedBy must be a string, got number'],
        [
          'retrainWorkflow',
          '{"datasetPath":"data/train.csv","promotionPolicy":{"minImprovement":-1}}',
          'promotionPolicy.minImprovement must be a number between 0 and 1',
        ],
        [
          'retrainWorkflow',
          '{"datasetPath":"data/train.csv","approvalTimeout":"forever"}',
          'approvalTimeout "forever" is not a positive duration like "7 days"',
        ],
        ['retrainWorkflow', 'null', 'the payload must be an object, got null'],
        // The monitoring workflow (added later) takes the same care: wrong types refused at start.
        ['monitoringWorkflow', '{"degradation":7}', 'degradation must be an object, got number'],
        ['monitoringWorkflow', '{"driftShare":"0.5"}', 'driftShare must be a number, got string'],
      ] as const) {
        const run = await temporal(
          'execute',
          '--type',
          workflowType,
          '--task-queue',
          harness.taskQueue,
          '--workflow-id',
          `bad-input-${randomUUID()}`,
          '--input',
          input,
        );
        expect({ workflowType, code: run.code }).toEqual({ workflowType, code: 1 });
        expect(run.stdout + run.stderr).toContain(message);
      }
    });
  }, 300_000);
});
