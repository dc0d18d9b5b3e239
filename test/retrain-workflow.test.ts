import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, type ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ModelRegistry } from '../src/registry';
import { RunStore } from '../src/tracking';
import { requestRetrain } from '../client/start-retrain';
import { approvalUpdate, approveSignal, rejectSignal } from '../workflows/retrain-messages';
import {
  CandidateMetricKey,
  ModelVersionKey,
  OutcomeKey,
  RetrainStageKey,
} from '../workflows/search-attributes';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';
import {
  pipelineHarness,
  QUICK_TRAINING,
  waitForStage,
  type PipelineHarness,
} from './helpers/pipeline-harness';
import { startDevServer, temporalCliPath } from './helpers/temporal-servers';

const run = promisify(execFile);

describe('retrain workflow on a real Temporal dev server', () => {
  let env: TestWorkflowEnvironment;
  let fixture: ProjectFixture;
  let harness: PipelineHarness;
  let registry: ModelRegistry;

  beforeAll(async () => {
    env = await startDevServer();
  });
  afterAll(async () => {
    await env?.teardown();
  });
  beforeEach(async () => {
    fixture = await createProjectFixture();
    harness = pipelineHarness(env, fixture);
    registry = new ModelRegistry(fixture.paths.modelsDir);
  });
  afterEach(async () => {
    await fixture.remove();
  });

  /** Trains and promotes a first production model, approving it through the update. */
  async function promoteFirstModel(
    dataset: string,
    trainingParams: object = QUICK_TRAINING,
  ): Promise<string> {
    const handle = await harness.startRetrain({
      datasetPath: dataset,
      trainingParams,
      promotionPolicy: { floors: {} },
    });
    await waitForStage(handle, 'awaiting_approval');
    await handle.executeUpdate(approvalUpdate, { args: [{ answer: 'approve', approver: 'setup' }] });
    const result = await handle.result();
    expect(result.outcome).toBe('promoted');
    return result.version;
  }

  it('promotes the first candidate after an approval sent with the temporal CLI', async () => {
    const dataset = await fixture.writeDataset('train.csv', { rows: 2000, seed: 1 });
    await harness.withWorker(async () => {
      const handle = await harness.startRetrain({ datasetPath: dataset, trainingParams: QUICK_TRAINING });
      const waiting = await waitForStage(handle, 'awaiting_approval');
      expect(waiting.production).toBeNull();
      expect(waiting.verdict?.qualifies).toBe(true);
      expect(waiting.verdict?.reason).toMatch(/no production/i);
      expect(waiting.candidateMetrics?.rocAuc).toBeGreaterThan(0.7);

      await run(temporalCliPath(), [
        'workflow',
        'signal',
        '--address',
        env.address,
        '--namespace',
        'default',
        '--workflow-id',
        handle.workflowId,
        '--name',
        'approve',
        '--input',
        '{"approver":"ana","comment":"looks good"}',
      ]);
      const result = await handle.result();

      expect(result).toMatchObject({
        outcome: 'promoted',
        productionVersionBefore: null,
        productionVersionAfter: result.version,
        approval: { answer: 'approve', approver: 'ana', comment: 'looks good', via: 'signal' },
      });
      expect(await registry.productionVersion()).toBe(result.version);
      expect(await registry.readOutcome(result.version)).toMatchObject({
        outcome: 'promoted',
        approver: 'ana',
        comment: 'looks good',
      });
      // Engineers find runs by search attribute with `temporal workflow list --query`.
      const description = await handle.describe();
      expect(description.typedSearchAttributes.get(OutcomeKey)).toBe('promoted');
      expect(description.typedSearchAttributes.get(RetrainStageKey)).toBe('completed');
      expect(description.typedSearchAttributes.get(ModelVersionKey)).toBe(result.version);
      expect(description.typedSearchAttributes.get(CandidateMetricKey)).toBeCloseTo(
        waiting.candidateMetrics!.rocAuc!,
        12,
      );
      const { stdout } = await run(temporalCliPath(), [
        'workflow',
        'list',
        '--address',
        env.address,
        '--query',
        `ModelVersion = '${result.version}' AND PromotionDecision = 'promoted'`,
        '--output',
        'json',
      ]);
      expect(stdout).toContain(handle.workflowId);

      const served = JSON.parse(
        await fs.readFile(path.join(registry.layout.productionLink, 'manifest.json'), 'utf8'),
      ) as { version: string };
      expect(served.version).toBe(result.version);
    });
  });

  it('replaces a weaker production model after an approval update and keeps it as the backup', async () => {
    const weak = await fixture.writeDataset('weak.csv', { rows: 300, seed: 2, drift: 1 });
    const good = await fixture.writeDataset('good.csv', { rows: 3000, seed: 3 });
    await harness.withWorker(async () => {
      const before = await promoteFirstModel(weak, { epochs: 1, batchSize: 256, patience: 1 });
      // The weak model calls almost everything a match, so its recall is high; this test is
      // about the switch, so only the log-loss guardrail applies.
      const handle = await harness.startRetrain({
        datasetPath: good,
        trainingParams: QUICK_TRAINING,
        promotionPolicy: { guardrails: { logLoss: 0.02 } },
      });

      await expect(
        handle.executeUpdate(approvalUpdate, { args: [{ answer: 'approve', approver: 'ana' }] }),
      ).rejects.toThrow(WorkflowUpdateFailedError); // not awaiting approval yet
      const waiting = await waitForStage(handle, 'awaiting_approval');
      expect(waiting.production?.version).toBe(before);
      expect(waiting.verdict?.qualifies).toBe(true);
      const emptyApprover = handle.executeUpdate(approvalUpdate, {
        args: [{ answer: 'approve', approver: '  ' }],
      });
      const refusal = (await emptyApprover.catch((error: unknown) => error)) as WorkflowUpdateFailedError;
      expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(refusal.cause?.message).toBe('approver must not be empty');

      const record = await handle.executeUpdate(approvalUpdate, {
        args: [{ answer: 'approve', approver: 'ben', comment: 'better AUC' }],
      });
      expect(record).toMatchObject({ answer: 'approve', approver: 'ben', via: 'update' });
      const result = await handle.result();
      expect(result.outcome).toBe('promoted');
      expect(await registry.productionVersion()).toBe(result.version);
      expect(await registry.previousVersion()).toBe(before);
    });
  });

  it('records a rejection and leaves production untouched', async () => {
    const dataset = await fixture.writeDataset('train.csv', { rows: 2000, seed: 4 });
    await harness.withWorker(async () => {
      const handle = await harness.startRetrain({ datasetPath: dataset, trainingParams: QUICK_TRAINING });
      await waitForStage(handle, 'awaiting_approval');
      await handle.signal(rejectSignal, { approver: 'carla', comment: 'recall too low' });
      await handle.signal(approveSignal, { approver: 'dan' }); // too late: ignored
      const result = await handle.result();
      expect(result.outcome).toBe('rejected');
      expect(result.reason).toContain('carla');
      expect(await registry.productionVersion()).toBeUndefined();
      expect(await registry.readOutcome(result.version)).toMatchObject({
        outcome: 'rejected',
        approver: 'carla',
      });
      const [listed] = await registry.listVersions();
      expect(listed?.stage).toBe('rejected');
    });
  });

  it('does not ask for approval when the candidate is not better than production', async () => {
    const dataset = await fixture.writeDataset('train.csv', { rows: 2000, seed: 5 });
    await harness.withWorker(async () => {
      const production = await promoteFirstModel(dataset);
      // Same data, same seed: the candidate equals production, so it cannot beat it by +0.02.
      const handle = await harness.startRetrain({ datasetPath: dataset, trainingParams: QUICK_TRAINING });
      const result = await handle.result();
      expect(result.outcome).toBe('not_qualified');
      expect(result.reason).toMatch(/not better/i);
      expect(await registry.productionVersion()).toBe(production);
      expect(await registry.readOutcome(result.version)).toMatchObject({ outcome: 'not_qualified' });
    });
  });

  it('fails without retrying on a bad dataset, naming line and column, and touches nothing', async () => {
    const good = await fixture.writeDataset('good.csv', { rows: 2000, seed: 6 });
    const text = await fs.readFile(path.join(fixture.paths.root, good), 'utf8');
    const lines = text.split('\n');
    const header = lines[0]!.split(',');
    const ratingColumn = header.indexOf('lawyer_rating');
    const cells = lines[4]!.split(',');
    cells[ratingColumn] = '6.2';
    lines[4] = cells.join(',');
    const bad = await fixture.writeRawDataset('bad.csv', lines.join('\n'));

    await harness.withWorker(async () => {
      const handle = await harness.startRetrain({ datasetPath: bad, trainingParams: QUICK_TRAINING });
      const failure = await handle.result().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      const activityFailure = (failure as WorkflowFailedError).cause;
      expect(activityFailure).toBeInstanceOf(ActivityFailure);
      const cause = (activityFailure as ActivityFailure).cause as ApplicationFailure;
      expect(cause.type).toBe('InvalidDataset');
      expect(cause.nonRetryable).toBe(true);
      expect(cause.message).toContain('bad.csv');
      expect(cause.message).toContain('line 5');
      expect(cause.message).toContain('lawyer_rating');
    });
    expect(await registry.productionVersion()).toBeUndefined();
    expect(await registry.listVersions()).toEqual([]);
    const runs = await new RunStore(path.join(fixture.paths.trackingDir, 'runs')).list();
    expect(runs.map((r) => [r.kind, r.status])).toEqual([['retrain', 'failed']]);
    await expect(fs.readdir(path.join(fixture.paths.snapshotsDir, 'manifests'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it('runs one retrain per model at a time and never starts the same dataset twice', async () => {
    const first = await fixture.writeDataset('first.csv', { rows: 2000, seed: 7 });
    const second = await fixture.writeDataset('second.csv', { rows: 2000, seed: 8 });
    await harness.withWorker(async () => {
      const started = await requestRetrain(
        env.client,
        { datasetPath: first, trainingParams: QUICK_TRAINING },
        harness.taskQueue,
      );
      expect(started.started).toBe(true);
      const again = await requestRetrain(env.client, { datasetPath: first }, harness.taskQueue);
      expect(again).toMatchObject({ started: false, retrainWorkflowId: started.retrainWorkflowId });
      await waitForStage(started.handle, 'awaiting_approval');

      // Through the launcher (the CLI's, CI's and the schedules' way), other data is refused before it starts…
      await expect(requestRetrain(env.client, { datasetPath: second }, harness.taskQueue)).rejects.toThrow(
        `Not started: a retrain of model "matchmaking" is already in progress (workflow ${started.retrainWorkflowId}, since `,
      );
      // …and a retrain started around it still meets the model lock, the guarantee.
      const competing = await harness.startRetrain({ datasetPath: second, trainingParams: QUICK_TRAINING });
      const failure = (await competing.result().catch((error: unknown) => error)) as WorkflowFailedError;
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      expect((failure.cause?.cause as Error | undefined)?.message).toContain(
        `already in progress (workflow ${started.retrainWorkflowId}`,
      );

      await started.handle.signal(rejectSignal, { approver: 'ana' });
      await started.handle.result();
      // the lock is released: the next retrain of the model may run
      const next = await harness.startRetrain({ datasetPath: second, trainingParams: QUICK_TRAINING });
      await waitForStage(next, 'awaiting_approval');
      await next.signal(rejectSignal, { approver: 'ana' });
      expect((await next.result()).outcome).toBe('rejected');
    });
  });
});
