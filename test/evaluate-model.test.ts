import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ModelRegistry } from '../src/registry';
import { RunStore } from '../src/tracking';
import type { evaluateModelWorkflow } from '../workflows';
import type { EvaluateModelInput } from '../workflows/evaluate-model-messages';
import { approvalUpdate } from '../workflows/retrain-messages';
import { checkReportInChromium } from './helpers/chromium';
import {
  pipelineHarness,
  QUICK_TRAINING,
  waitForStage,
  type PipelineHarness,
} from './helpers/pipeline-harness';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';
import { runCli } from './helpers/cli-runner';
import { startDevServer } from './helpers/temporal-servers';

describe('evaluating production on a real Temporal dev server', () => {
  let env: TestWorkflowEnvironment;
  let fixture: ProjectFixture;
  let harness: PipelineHarness;
  let registry: ModelRegistry;
  let trainingData: string;

  function evaluate(input: EvaluateModelInput = {}) {
    return env.client.workflow.execute<typeof evaluateModelWorkflow>('evaluateModelWorkflow', {
      taskQueue: harness.taskQueue,
      workflowId: `evaluate-test-${randomUUID()}`,
      args: [{ datasetPath: trainingData, ...input }],
    });
  }

  /** Trains a first model on `dataset` and approves it into production; returns its version. */
  async function trainProduction(dataset: string): Promise<string> {
    const handle = await harness.startRetrain({
      datasetPath: dataset,
      trainingParams: QUICK_TRAINING,
      promotionPolicy: { floors: {} },
    });
    await waitForStage(handle, 'awaiting_approval');
    await handle.executeUpdate(approvalUpdate, { args: [{ answer: 'approve', approver: 'ana' }] });
    return (await handle.result()).version;
  }

  /** Trains a candidate on `dataset` that an unreachable floor keeps out of production; returns its version. */
  async function trainUnqualified(dataset: string): Promise<string> {
    const handle = await harness.startRetrain({
      datasetPath: dataset,
      trainingParams: QUICK_TRAINING,
      promotionPolicy: { floors: { rocAuc: 0.9999 } },
    });
    const result = await handle.result();
    expect(result.outcome).toBe('not_qualified');
    return result.version;
  }

  const runStore = () => new RunStore(path.join(fixture.paths.trackingDir, 'runs'));

  beforeAll(async () => {
    env = await startDevServer();
    fixture = await createProjectFixture();
    harness = pipelineHarness(env, fixture);
    registry = new ModelRegistry(fixture.paths.modelsDir);
    trainingData = await fixture.writeDataset('matchmaking_dataset.csv', { rows: 3000, seed: 71 });
  });
  afterAll(async () => {
    await env?.teardown();
    await fixture?.remove();
  });

  it('fails with a clear, final error when there is no production model', async () => {
    await harness.withWorker(async () => {
      const failure = (await evaluate().catch((e: unknown) => e)) as WorkflowFailedError;
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      const cause = failure.cause?.cause as ApplicationFailure;
      expect(cause.type).toBe('InvalidInput');
      expect(cause.message).toContain('There is no production model');
    });
    const [record] = await runStore().list();
    expect(record).toMatchObject({ kind: 'evaluation', status: 'failed' });
  });

  it('scores production on the held-out split exactly as the retrain did, and writes text, JSON and an HTML report', async () => {
    const production = await harness.withWorker(() => trainProduction(trainingData));
    const result = await harness.withWorker(() => evaluate());

    expect(result.modelVersion).toBe(production);
    expect(result.production).toBeNull();
    expect(result.includesTrainingRows).toBe(false);
    // Same snapshot, same seeded split, same model: the retrain's own evaluation.
    const atRetrain = await registry.readEvaluation(production);
    expect(result.datasetMd5).toBe(atRetrain!.datasetMd5);
    expect(result.rowCount).toBe(atRetrain!.testRows);
    expect(result.metrics).toEqual(atRetrain!.candidate);

    const root = fixture.paths.root;
    expect(result.htmlPath).toMatch(/^reports\/evaluations\/evaluation_\d{8}-\d{6}-.+\.html$/);
    const text = await fs.readFile(path.join(root, result.textPath), 'utf8');
    expect(text).toContain(`model ${production}`);
    expect(text).toContain('Confusion matrix');
    expect(text).toContain('Threshold table');
    expect(text).toContain('What the model relies on (top 5 columns by permutation importance)');
    const json = JSON.parse(await fs.readFile(path.join(root, result.jsonPath), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(json).toMatchObject({
      modelVersion: production,
      isProduction: true,
      datasetMd5: result.datasetMd5,
      rows: 'test',
      rowCount: result.rowCount,
    });
    expect(json['metrics']).toEqual(result.metrics);
    // What the model relies on: 14 raw columns, permutation importance on the same held-out rows.
    const importance = json['importance'] as {
      model: { columns: string[]; permutation: { rowCount: number; mean: number[] } };
      production: null;
    };
    expect(importance.production).toBeNull();
    expect(importance.model.columns).toHaveLength(14);
    expect(importance.model.permutation.rowCount).toBe(result.rowCount);
    expect(Math.max(...importance.model.permutation.mean)).toBeGreaterThan(0.01);

    const check = await checkReportInChromium(path.join(root, result.htmlPath));
    expect(check.consoleErrors).toEqual([]);
    expect(check.failedRequests).toEqual([]);
    // ROC, precision–recall, confusion matrix, reliability diagram, bin counts, two importance charts.
    expect(check.svgCount).toBe(7);
    expect(check.title).toBe(`LegalAid Connect — evaluation of production ${production}`);

    const record = await runStore().get(result.runRecordId);
    expect(record).toMatchObject({
      kind: 'evaluation',
      status: 'completed',
      modelVersion: production,
      datasetMd5: result.datasetMd5,
      artifacts: { report: result.htmlPath, summary: result.textPath, result: result.jsonPath },
    });
    expect(record.metrics.rocAuc).toBe(result.metrics.rocAuc);
  }, 180_000);

  it('compares another version with production side by side, and flags scoring rows a model trained on', async () => {
    const fresh = await fixture.writeDataset('fresh.csv', { rows: 2000, seed: 72 });
    const production = (await registry.productionVersion())!;
    const rejected = await harness.withWorker(() => trainUnqualified(fresh));

    const compared = await harness.withWorker(() => evaluate({ version: rejected, datasetPath: fresh }));
    expect(compared.modelVersion).toBe(rejected);
    expect(compared.production?.version).toBe(production);
    expect(compared.production?.metrics.count).toBe(compared.rowCount);
    const check = await checkReportInChromium(path.join(fixture.paths.root, compared.htmlPath));
    expect(check.consoleErrors).toEqual([]);
    expect(check.svgCount).toBe(8); // two confusion matrices, two importance charts

    const all = await harness.withWorker(() =>
      evaluate({ version: rejected, datasetPath: fresh, rows: 'all' }),
    );
    expect(all.rowCount).toBe(2000);
    expect(all.includesTrainingRows).toBe(true);
    expect(await registry.productionVersion()).toBe(production); // evaluation never moves production
  }, 180_000);

  it('runs from the CLI and prints the text summary and where the reports are', async () => {
    const out = await harness.withWorker(() =>
      runCli(
        { temporalAddress: env.address, projectRoot: fixture.paths.root, taskQueue: harness.taskQueue },
        'evaluate',
      ),
    );
    expect(out).toContain('Metrics (threshold metrics at 0.5)');
    expect(out).toMatch(/Report: reports\/evaluations\/evaluation_.+\.html/);
    expect(out).toMatch(/Run: +evaluation-\d{8}-\d{6}-[0-9a-f]{8}/);
  }, 120_000);
});
