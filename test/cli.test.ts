import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { hashFile } from '../src/data';
import { ModelRegistry } from '../src/registry';
import { retrainWorkflowId } from '../workflows/workflow-ids';
import { pipelineHarness, waitForStage, type PipelineHarness } from './helpers/pipeline-harness';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';
import { runCli, runCliFailing, type CliTarget } from './helpers/cli-runner';
import { startDevServer } from './helpers/temporal-servers';

/**
 * Each test runs several CLI processes (a few seconds each, far more on a loaded
 * two-core machine); the retrain test also trains two models. Timeouts, not speed bounds.
 */
const CLI_TEST_TIMEOUT_MS = 10 * 60_000;
const CLI_RETRAIN_TEST_TIMEOUT_MS = 30 * 60_000;

jest.setTimeout(CLI_TEST_TIMEOUT_MS);

describe('the legalaid-mlops CLI', () => {
  let env: TestWorkflowEnvironment;
  let fixture: ProjectFixture;
  let harness: PipelineHarness;

  const target = (env_?: CliTarget['env']): CliTarget => ({
    temporalAddress: env.address,
    projectRoot: fixture.paths.root,
    taskQueue: harness.taskQueue,
    ...(env_ ? { env: env_ } : {}),
  });
  /** Runs the CLI against the test server and fixture project. */
  const cli = (...args: string[]) => runCli(target(), ...args);
  /** Runs the CLI expecting a failure: exit code, stdout and stderr. */
  const cliFails = (...args: string[]) => runCliFailing(target(), ...args);
  const md5Of = async (dataset: string) => (await hashFile(path.join(fixture.paths.root, dataset))).md5;

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

  it('checks every argument before it connects, with the option, the value and exit code 1', async () => {
    const invalid = async (args: string[], message: string) => {
      const failure = await cliFails(...args);
      expect(failure.code).toBe(1);
      expect(failure.stderr.split('\n')[0]).toBe(message);
    };
    await invalid(
      ['retrain', '--expect-md5', 'xyz'],
      `error: option '--expect-md5 <md5>' argument 'xyz' is invalid. expected an md5 (32 hex digits), got "xyz"`,
    );
    await invalid(
      ['retrain', '--approval-timeout', 'soon'],
      `error: option '--approval-timeout <duration>' argument 'soon' is invalid. expected a positive duration like "7 days", got "soon"`,
    );
    await invalid(
      ['retrain', '--requested-by', '  '],
      `error: option '--requested-by <who>' argument '  ' is invalid. must not be empty, got "  "`,
    );
    await invalid(
      ['runs', 'list', '--limit', 'ten'],
      `error: option '--limit <n>' argument 'ten' is invalid. expected a positive integer, got "ten"`,
    );
    await invalid(
      ['runs', 'list', '--kind', 'training'],
      `error: option '--kind <kind>' argument 'training' is invalid. must be one of retrain, evaluation, drift, study, trial, monitoring, got "training"`,
    );
    await invalid(['lineage', 'abc', '--dataset'], `a dataset md5 is 32 hex digits, got "abc"`);
    await invalid(
      ['drift', 'compare', '-r', 'a.csv', '-c', 'b.csv', '--threshold', 'age=high'],
      `error: option '--threshold <column=value>' argument 'age=high' is invalid. expected column=number, got "age=high"`,
    );
    await invalid(
      ['drift', 'compare', '-r', 'a.csv', '-c', 'b.csv', '--method', 'age=fast'],
      `error: option '--method <column=method>' argument 'age=fast' is invalid. expected column=one of ks, chisquare, z, wasserstein, jensenshannon, psi, got "age=fast"`,
    );
  });

  it("refuses a folder, a pipe or a missing file as drift compare's input and a file as its output folder", async () => {
    const reference = await fixture.writeDataset('compare-reference.csv', { rows: 300, seed: 36 });
    await mkdir(path.join(fixture.paths.dataDir, 'a-folder.csv'));
    await promisify(execFile)('mkfifo', [path.join(fixture.paths.dataDir, 'a-pipe.csv')]);
    await writeFile(path.join(fixture.paths.root, 'a-file'), 'not a folder');
    const refused = async (args: string[], message: string) => {
      const failure = await cliFails('drift', 'compare', ...args);
      expect({ code: failure.code, stderr: failure.stderr }).toEqual({ code: 1, stderr: `${message}\n` });
    };
    await refused(
      ['-r', 'data/a-folder.csv', '-c', reference],
      '--reference data/a-folder.csv: is a directory, not a file',
    );
    await refused(
      ['-r', reference, '-c', 'data/a-pipe.csv'],
      '--current data/a-pipe.csv: is a named pipe (FIFO), not a file',
    );
    await refused(['-r', reference, '-c', 'data/nothing.csv'], '--current data/nothing.csv: does not exist');
    await refused(
      ['-r', reference, '-c', reference, '-o', 'a-file'],
      '--out a-file: is a file, not a directory',
    );
  });

  it('refuses a folder or a pipe as the retrain dataset, naming the path, and starts nothing', async () => {
    await mkdir(path.join(fixture.paths.dataDir, 'folder.csv'));
    await promisify(execFile)('mkfifo', [path.join(fixture.paths.dataDir, 'pipe.csv')]);
    await harness.withWorker(async () => {
      for (const dataset of ['data/folder.csv', 'data/pipe.csv']) {
        const failure = await cliFails('retrain', '--dataset', dataset);
        expect({ code: failure.code, stdout: failure.stdout, stderr: failure.stderr }).toEqual({
          code: 1,
          stdout: '',
          stderr: `Not started: dataset ${dataset} is not a regular file\n`,
        });
      }
    });
  });

  it('shows why a retrain failed — retrain --follow, status and watch — and exits with 2', async () => {
    const good = await fixture.writeDataset('good.csv', { rows: 600, seed: 37 });
    const lines = (await readFile(path.join(fixture.paths.root, good), 'utf8')).split('\n');
    const ratingColumn = lines[0]!.split(',').indexOf('lawyer_rating');
    const cells = lines[4]!.split(',');
    cells[ratingColumn] = '6.2';
    lines[4] = cells.join(',');
    const bad = await fixture.writeRawDataset('bad.csv', lines.join('\n'));
    const workflowId = retrainWorkflowId(await md5Of(bad));
    const cause = /InvalidDataset: data\/bad\.csv line 5, column "lawyer_rating": .*"6\.2"/.source;
    const chain: unknown[] = [
      '  activity snapshotDataset failed',
      expect.stringMatching(new RegExp(`^  ${cause}$`)),
    ];
    await harness.withWorker(async () => {
      const followed = await cliFails('retrain', '--dataset', bad, '--follow');
      expect(followed.code).toBe(2);
      expect(followed.stdout).toContain(`Started ${workflowId}`);
      expect(followed.stderr.trimEnd().split('\n')).toEqual([`Retrain ${workflowId} failed:`, ...chain]);

      const status = await cliFails('status', workflowId);
      expect(status.code).toBe(2);
      const statusLines = status.stdout.trimEnd().split('\n');
      expect(statusLines.slice(0, 2)).toEqual([`workflow   ${workflowId}`, 'stage      snapshotting']);
      expect(statusLines.slice(-3)).toEqual(['failed:', ...chain]);

      const json = JSON.parse((await cliFails('status', workflowId, '--json')).stdout) as Record<
        string,
        unknown
      >;
      expect(json).toMatchObject({ stage: 'snapshotting', execution: 'failed' });
      expect(json.failure).toEqual([
        'activity snapshotDataset failed',
        expect.stringMatching(new RegExp(`^${cause}$`)),
      ]);

      const watched = await cliFails('watch', workflowId);
      expect(watched.code).toBe(2);
      expect(watched.stderr.trimEnd().split('\n')).toEqual([`Retrain ${workflowId} failed:`, ...chain]);
    });
    const missing = await cliFails('status', 'retrain-matchmaking-nothing');
    expect({ code: missing.code, stderr: missing.stderr }).toEqual({
      code: 1,
      stderr: 'No workflow with ID retrain-matchmaking-nothing\n',
    });
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

  it(
    'retrains, approves, lists and rolls back through the CLI',
    async () => {
      const first = await fixture.writeDataset('first.csv', { rows: 1000, seed: 31 });
      const second = await fixture.writeDataset('second.csv', { rows: 4000, seed: 32 });
      const third = await fixture.writeDataset('third.csv', { rows: 1000, seed: 38 });
      // This test is about the CLI, not model quality: any candidate at least as good as production qualifies.
      const policy = '{"floors":{},"minImprovement":0,"guardrails":{}}';
      const registry = new ModelRegistry(fixture.paths.modelsDir);
      await harness.withWorker(async () => {
        const versions: string[] = [];
        const retrainIds: string[] = [];
        for (const [index, dataset] of [first, second].entries()) {
          const workflowId = retrainWorkflowId(await md5Of(dataset));
          const retrain = ['retrain', '--dataset', dataset, '--epochs', '8', '--promotion-policy', policy];
          // A UI link only when TEMPORAL_UI_URL says where the server's UI is.
          const ui = index === 0 ? undefined : 'http://temporal-ui.test:8080';
          const started = await runCli(target({ TEMPORAL_UI_URL: ui }), ...retrain);
          expect(started.trimEnd().split('\n')).toEqual([
            `Started ${workflowId} (dataset md5 ${workflowId.slice(-32)})`,
            ...(ui ? [`Temporal UI: ${ui}/namespaces/default/workflows/${workflowId}`] : []),
          ]);
          await waitForStage(env.client.workflow.getHandle(workflowId), 'awaiting_approval');
          expect(await cli('status', workflowId)).toContain('stage      awaiting_approval');

          // The same content again finds the waiting retrain; other data is refused while it waits.
          expect(await cli(...retrain)).toBe(
            `A retrain for this dataset content already exists: ${workflowId}\n`,
          );
          const competing = await cliFails('retrain', '--dataset', third, '--epochs', '8');
          expect(competing.code).toBe(1);
          expect(competing.stderr).toMatch(
            new RegExp(
              `^Not started: a retrain of model "matchmaking" is already in progress \\(workflow ${workflowId}, since ` +
                '\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\); approve or reject it, or wait for it to finish\n$',
            ),
          );
          await expect(
            env.client.workflow.getHandle(retrainWorkflowId(await md5Of(third))).describe(),
          ).rejects.toBeInstanceOf(WorkflowNotFoundError);

          expect(await cli('approve', workflowId, '--approver', 'ana', '--comment', 'ok')).toContain(
            'Approved by ana',
          );
          const result = (await env.client.workflow.getHandle(workflowId).result()) as { version: string };
          versions.push(result.version);
          retrainIds.push(workflowId);
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

        const [v1, v2] = versions as [string, string];
        expect(await cli('rollback', '--requested-by', 'ana', '--reason', 'test')).toBe(
          `Production is now ${v1}; ${v2} is kept as the rollback target\n` +
            'Recorded in history.jsonl: rollback requested by ana — "test"\n',
        );
        expect(await registry.productionVersion()).toBe(v1);
        expect(await registry.previousVersion()).toBe(v2);

        // The trail: who approved each promotion, who asked for the rollback, and why.
        const readHistory = async () =>
          (await readFile(registry.layout.historyFile, 'utf8'))
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as Record<string, unknown>);
        const history = await readHistory();
        expect(history.map(({ at: _at, ...entry }) => entry)).toEqual([
          {
            action: 'promote',
            production: v1,
            previous: null,
            requestedBy: 'ana',
            reason: 'ok',
            workflowId: retrainIds[0],
          },
          {
            action: 'promote',
            production: v2,
            previous: v1,
            requestedBy: 'ana',
            reason: 'ok',
            workflowId: retrainIds[1],
          },
          {
            action: 'rollback',
            production: v1,
            previous: v2,
            requestedBy: 'ana',
            reason: 'test',
            workflowId: 'rollback-matchmaking',
          },
        ]);

        // A second rollback would undo the first: refused with what the first did, unless it names its target.
        const again = await cliFails('rollback', '--requested-by', 'bob');
        expect({ code: again.code, stderr: again.stderr }).toEqual({
          code: 1,
          stderr:
            `Not rolled back: the last switch was a rollback: ana rolled production back from ${v2} to ${v1} at ` +
            `${String(history[2]!.at)} ("test"). Rolling back again would restore ${v2}, the version that rollback ` +
            `took out of production. Name the version to restore: rollback --to <version> (--to ${v2} undoes that rollback)\n`,
        });
        expect(await registry.productionVersion()).toBe(v1);
        const notAVersion = await cliFails('rollback', '--requested-by', 'bob', '--to', 'latest');
        expect(notAVersion.stderr.split('\n')[0]).toBe(
          `error: option '--to <version>' argument 'latest' is invalid. expected a model version name such as v20261128-133600-3f2a9c1d, got "latest"`,
        );
        expect(await cli('rollback', '--requested-by', 'bob', '--reason', 'fixed upstream', '--to', v2)).toBe(
          `Production is now ${v2}; ${v1} is kept as the rollback target\n` +
            'Recorded in history.jsonl: rollback requested by bob — "fixed upstream"\n',
        );
        expect((await readHistory()).at(-1)).toMatchObject({
          action: 'rollback',
          production: v2,
          previous: v1,
          requestedBy: 'bob',
          reason: 'fixed upstream',
        });
      });
    },
    CLI_RETRAIN_TEST_TIMEOUT_MS,
  );
});
