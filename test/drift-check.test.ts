import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { generateMatchmakingRows, rowsToCsv } from '../src/data';
import { RunStore } from '../src/tracking';
import type { driftCheckWorkflow } from '../workflows';
import type { DriftCheckInput } from '../workflows/drift-check-messages';
import { DriftShareKey } from '../workflows/search-attributes';
import { checkReportInChromium } from './helpers/chromium';
import {
  pipelineHarness,
  QUICK_TRAINING,
  waitForStage,
  type PipelineHarness,
} from './helpers/pipeline-harness';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';
import { startDevServer } from './helpers/temporal-servers';
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhook-receiver';
import { approvalUpdate } from '../workflows/retrain-messages';

describe('weekly drift check on a real Temporal dev server', () => {
  let env: TestWorkflowEnvironment;
  let fixture: ProjectFixture;
  let receiver: WebhookReceiver;
  let harness: PipelineHarness;

  async function writeCurrent(options: { rows: number; seed: number; drift: number }): Promise<void> {
    await fs.writeFile(
      path.join(fixture.paths.dataDir, 'current_data.csv'),
      rowsToCsv(generateMatchmakingRows(options)),
    );
  }

  // The generator's full drift moves 6 of 15 columns; the checks here count 30 % as dataset drift.
  const DRIFT_SHARE = 0.3;

  function runDriftCheck(input: DriftCheckInput = {}) {
    return env.client.workflow.execute<typeof driftCheckWorkflow>('driftCheckWorkflow', {
      taskQueue: harness.taskQueue,
      workflowId: `drift-check-test-${randomUUID()}`,
      args: [{ driftShare: DRIFT_SHARE, ...input }],
    });
  }

  beforeAll(async () => {
    env = await startDevServer();
    fixture = await createProjectFixture();
    receiver = await startWebhookReceiver();
    harness = pipelineHarness(env, fixture, { alertWebhookUrl: receiver.url });
  });
  afterAll(async () => {
    await receiver?.close();
    await env?.teardown();
    await fixture?.remove();
  });

  it('fails with a clear, final error before any model is in production', async () => {
    await writeCurrent({ rows: 500, seed: 60, drift: 0 });
    await harness.withWorker(async () => {
      const failure = (await runDriftCheck().catch((e: unknown) => e)) as WorkflowFailedError;
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      const cause = failure.cause?.cause as ApplicationFailure;
      expect(cause.type).toBe('InvalidInput');
      expect(cause.message).toContain('There is no production model');
    });
  });

  it('alerts once per drift episode and writes a report that renders in Chromium', async () => {
    const training = await fixture.writeDataset('matchmaking_dataset.csv', { rows: 3000, seed: 61 });
    await harness.withWorker(async () => {
      const retrain = await harness.startRetrain({
        datasetPath: training,
        trainingParams: QUICK_TRAINING,
        promotionPolicy: { floors: {} },
      });
      await waitForStage(retrain, 'awaiting_approval');
      await retrain.executeUpdate(approvalUpdate, { args: [{ answer: 'approve', approver: 'ana' }] });
      await retrain.result();

      await writeCurrent({ rows: 2000, seed: 62, drift: 1 });
      const first = await runDriftCheck();
      expect(first.summary.datasetDrift).toBe(true);
      expect(first.alert).toEqual({ sent: true, reason: 'new_episode' });
      expect(receiver.delivered).toHaveLength(1);
      expect((receiver.delivered[0] as { text: string }).text).toContain(
        `${first.summary.driftedColumns} of ${first.summary.totalColumns} columns drifted`,
      );

      const again = await runDriftCheck();
      expect(again.alert).toEqual({ sent: false, reason: 'already_announced' });
      expect(receiver.delivered).toHaveLength(1);

      await writeCurrent({ rows: 2000, seed: 63, drift: 0 });
      const calm = await runDriftCheck();
      expect(calm.summary.datasetDrift).toBe(false);
      expect(calm.alert.reason).toBe('no_drift');

      await writeCurrent({ rows: 2000, seed: 64, drift: 1 });
      const next = await runDriftCheck();
      expect(next.alert).toEqual({ sent: true, reason: 'new_episode' });
      expect(receiver.delivered).toHaveLength(2);

      const driftRuns = await new RunStore(path.join(fixture.paths.trackingDir, 'runs')).list({
        kind: 'drift',
      });
      expect(driftRuns.filter((r) => r.status === 'completed').length).toBeGreaterThanOrEqual(4);
      expect(driftRuns.some((r) => r.artifacts.report === first.summary.reportPath)).toBe(true);
      const json = JSON.parse(await fs.readFile(first.jsonPath, 'utf8')) as {
        datasetDrift: boolean;
        columns: unknown[];
      };
      expect(json.datasetDrift).toBe(true);
      expect(json.columns).toHaveLength(15);
      const rendered = await checkReportInChromium(first.summary.reportPath);
      expect(rendered.consoleErrors).toEqual([]);
      expect(rendered.failedRequests).toEqual([]);
      expect(rendered.svgCount).toBeGreaterThanOrEqual(30); // a small and a large chart per column
      expect(await fs.readFile(first.summary.reportPath, 'utf8')).toContain(
        `drift detected for ${first.summary.driftedColumns} of 15 columns`,
      );
      expect(rendered.title).toBe('LegalAid Connect — data drift report');
    });
  });

  it('retries a failing webhook until the alert is delivered', async () => {
    const flaky = await startWebhookReceiver([500, 503]);
    // Same project (and production model) as above, another worker with a flaky receiver.
    const flakyHarness = pipelineHarness(env, fixture, { alertWebhookUrl: flaky.url });
    await fs.rm(path.join(fixture.paths.reportsDir, 'matchmaking-drift-alert.json'), { force: true });
    await writeCurrent({ rows: 2000, seed: 65, drift: 1 });
    await flakyHarness.withWorker(async () => {
      const result = await env.client.workflow.execute<typeof driftCheckWorkflow>('driftCheckWorkflow', {
        taskQueue: flakyHarness.taskQueue,
        workflowId: `drift-check-flaky-${randomUUID()}`,
        args: [{ driftShare: DRIFT_SHARE }],
      });
      expect(result.alert.sent).toBe(true);
    });
    expect(flaky.attempts).toBe(3);
    expect(flaky.delivered).toHaveLength(1);
    await flaky.close();
  });

  it('starts one retrain on the drifted data when asked to close the loop', async () => {
    await writeCurrent({ rows: 2000, seed: 66, drift: 1 });
    await harness.withWorker(async () => {
      const result = await runDriftCheck({ retrainOnDrift: true });
      expect(result.retrain?.started).toBe(true);
      const handle = env.client.workflow.getHandle(result.retrain!.retrainWorkflowId);
      expect((await handle.describe()).status.name).toBe('RUNNING');
      const again = await runDriftCheck({ retrainOnDrift: true });
      expect(again.retrain).toMatchObject({
        started: false,
        retrainWorkflowId: result.retrain!.retrainWorkflowId,
      });
      const description = await env.client.workflow.getHandle(result.retrain!.retrainWorkflowId).describe();
      expect(description.status.name).toBe('RUNNING');
      await handle.terminate('test done');
    });
  });

  it('explains how to export current data when the file is missing', async () => {
    await fs.rm(path.join(fixture.paths.dataDir, 'current_data.csv'), { force: true });
    await harness.withWorker(async () => {
      const failure = (await runDriftCheck().catch((e: unknown) => e)) as WorkflowFailedError;
      const cause = failure.cause?.cause as ApplicationFailure;
      expect(cause.type).toBe('InvalidInput');
      expect(cause.message).toContain(
        'data/current_data.csv does not exist. Export recent production inputs',
      );
    });
  });

  it('indexes the drift share for temporal workflow list', async () => {
    // (runs after the production model above was promoted)
    await writeCurrent({ rows: 1000, seed: 67, drift: 1 });
    await harness.withWorker(async () => {
      const workflowId = `drift-check-sa-${randomUUID()}`;
      const result = await env.client.workflow.execute<typeof driftCheckWorkflow>('driftCheckWorkflow', {
        taskQueue: harness.taskQueue,
        workflowId,
        args: [{}],
      });
      const description = await env.client.workflow.getHandle(workflowId).describe();
      expect(description.typedSearchAttributes.get(DriftShareKey)).toBeCloseTo(result.summary.share, 12);
    });
  });
});
