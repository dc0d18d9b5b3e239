import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ModelRegistry } from '../src/registry';
import { pipelineHarness, waitForStage, type PipelineHarness } from './helpers/pipeline-harness';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';
import { runCli } from './helpers/cli-runner';
import { startDevServer } from './helpers/temporal-servers';

describe('the legalaid-mlops CLI', () => {
  let env: TestWorkflowEnvironment;
  let fixture: ProjectFixture;
  let harness: PipelineHarness;

  /** Runs the CLI against the test server and fixture project. */
  const cli = (...args: string[]) =>
    runCli(
      { temporalAddress: env.address, projectRoot: fixture.paths.root, taskQueue: harness.taskQueue },
      ...args,
    );

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
    for (const command of [
      'retrain',
      'status',
      'watch',
      'approve',
      'reject',
      'models',
      'rollback',
      'schedules',
      'drift',
      'evaluate',
      'runs',
      'lineage',
      'monitor',
      'outcomes',
      'dataset',
      'experiment',
    ]) {
      expect(help).toContain(command);
    }
    expect(await cli('approve', '--help')).toContain('--approver <name>');
    expect(await cli('retrain', '--help')).toContain('--approval-timeout <duration>');
    expect(await cli('experiment', '--help')).toContain('set-share');
  });

  it('compares any two CSVs without Temporal and writes JSON and HTML', async () => {
    const reference = await fixture.writeDataset('reference.csv', { rows: 2000, seed: 33 });
    const current = await fixture.writeDataset('drifted.csv', { rows: 1500, seed: 34, drift: 1 });
    const out = await cli(
      'drift',
      'compare',
      '-r',
      reference,
      '-c',
      current,
      '-o',
      'out',
      '--drift-share',
      '0.3',
    );
    expect(out).toMatch(/^Dataset drift: drift detected for \d+ of 15 columns/);
    const html = /HTML: (.+\.html)/.exec(out)?.[1];
    const json = /JSON: (.+\.json)/.exec(out)?.[1];
    const result = JSON.parse(await readFile(path.join(fixture.paths.root, json!), 'utf8')) as {
      datasetDrift: boolean;
    };
    expect(result.datasetDrift).toBe(true);
    expect(await readFile(path.join(fixture.paths.root, html!), 'utf8')).toContain('<svg');

    const failing = await cli(
      'drift',
      'compare',
      '-r',
      reference,
      '-c',
      current,
      '-o',
      'out',
      '--drift-share',
      '0.3',
      '--fail-on-drift',
    ).catch((error: { code?: number }) => error);
    expect((failing as { code?: number }).code).toBe(3);
  });

  it('names the missing column when the current CSV has another schema', async () => {
    const reference = await fixture.writeDataset('reference2.csv', { rows: 300, seed: 35 });
    const text = await readFile(path.join(fixture.paths.root, reference), 'utf8');
    const withoutDistance = text
      .trimEnd()
      .split('\n')
      .map((line) => line.split(',').slice(0, 13).concat(line.split(',').slice(14)).join(','))
      .join('\n');
    const current = await fixture.writeRawDataset('other-schema.csv', `${withoutDistance}\n`);
    const failure = (await cli('drift', 'compare', '-r', reference, '-c', current, '-o', 'out').catch(
      (error: unknown) => error,
    )) as { code?: number; stderr?: string };
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain('other-schema.csv');
    expect(failure.stderr).toContain('distance_km');
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

      // Experiment tracking: both retrains are recorded, comparable, and the lineage leads back to them.
      const runsTable = await cli('runs', 'list', '--kind', 'retrain');
      const runIds = [
        ...runsTable.matchAll(/^(retrain-\d{8}-\d{6}-[0-9a-f]{8})\s+retrain\s+completed/gm),
      ].map((m) => m[1]!);
      expect(runIds).toHaveLength(2);
      const [newest, oldest] = runIds as [string, string];
      const shown = JSON.parse(await cli('runs', 'show', newest)) as {
        modelVersion: string;
        decision: string;
        epochMetrics: Array<{ epoch: number; loss: number }>;
        metrics: Record<string, number>;
      };
      expect(shown).toMatchObject({ modelVersion: versions[1], decision: 'promoted' });
      expect(shown.epochMetrics.length).toBeGreaterThan(0);
      expect(shown.metrics.rocAuc).toBeGreaterThan(0.5);
      expect(shown.metrics.production_rocAuc).toBeGreaterThan(0);
      expect(await cli('runs', 'compare', oldest, newest)).toMatch(
        /rocAuc\s+\d\.\d{4}\s+\d\.\d{4}\s+[+-]\d\.\d{4}/,
      );
      const lineage = JSON.parse(await cli('lineage', versions[1]!)) as {
        dataset: { md5: string };
        decision: { approver: string };
        run: { id: string };
      };
      expect(lineage.decision.approver).toBe('ana');
      expect(lineage.run.id).toBe(newest);
      const trainedOn = JSON.parse(await cli('lineage', '--dataset', lineage.dataset.md5)) as Array<{
        version: string;
      }>;
      expect(trainedOn.map((m) => m.version)).toEqual([versions[1]]);

      expect(await cli('rollback', '--requested-by', 'ana', '--reason', 'test')).toContain(
        `Production is now ${versions[0]}`,
      );
      expect(await registry.productionVersion()).toBe(versions[0]);
      expect(await registry.previousVersion()).toBe(versions[1]);
    });
  });
});
