/**
 * Issue 6, item 4 at the activity boundary and end to end: every file of the
 * bad-CSV corpus (`src/data/bad-csv-corpus.ts`) through the snapshot activity
 * as the worker builds it, and a few through the real retrain workflow on a
 * real dev server with a production model in place. (Loader and snapshot-store
 * levels: `src/data/bad-csv-corpus.test.ts`, `snapshot-corpus.test.ts`,
 * `large-bad-csv.test.ts`.)
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import pino from 'pino';
import type { ActivityDeps } from '../activities/deps';
import { createSnapshotActivities } from '../activities/snapshot';
import { resolveProjectPaths } from '../src/config/paths';
import {
  BAD_CSV_CORPUS,
  corpusCase,
  expectedMessage,
  writeLargeFileWithBadLastRow,
  type Rejected,
} from '../src/data/bad-csv-corpus.fixture';
import { ModelRegistry } from '../src/registry';
import { RunStore } from '../src/tracking';
import { approvalUpdate } from '../workflows/retrain-messages';
import { activityRuns } from './helpers/history';
import { pipelineHarness, QUICK_TRAINING, waitForStage } from './helpers/pipeline-harness';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';
import { startDevServer } from './helpers/temporal-servers';

/** Every entry below `dir`, hidden temp files included; [] when `dir` does not exist. */
async function everything(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

/** Checks an activity failure against a corpus expectation for the file `data/<name>`. */
function expectInvalidDataset(failure: ApplicationFailure, name: string, expected: Rejected): void {
  const file = `data/${name}`;
  expect(failure).toBeInstanceOf(ApplicationFailure);
  expect(failure.type).toBe('InvalidDataset');
  expect(failure.nonRetryable).toBe(true);
  expect(failure.details).toEqual([
    { file, row: expected.row ?? null, column: expected.column ?? null, problem: expected.problem },
  ]);
  const message = expectedMessage(file, expected);
  if (typeof message === 'string') expect(failure.message).toBe(message);
  else expect(failure.message.slice(failure.message.indexOf(': ') + 2)).toMatch(message);
}

describe('the snapshotDataset activity on the bad-CSV corpus', () => {
  let tmp: string;
  let deps: ActivityDeps;
  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'bad-datasets-'));
    const paths = resolveProjectPaths({ MLOPS_HOME: tmp });
    await fs.mkdir(paths.dataDir, { recursive: true });
    for (const c of BAD_CSV_CORPUS) await fs.writeFile(path.join(paths.dataDir, c.name), c.build());
    deps = {
      paths,
      registry: new ModelRegistry(paths.modelsDir),
      runStore: new RunStore(path.join(paths.trackingDir, 'runs')),
      logger: pino({ level: 'silent' }),
      modelName: 'matchmaking',
    };
  });
  afterAll(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  const rejected = BAD_CSV_CORPUS.filter((c) => c.expected.kind === 'rejected').map(
    (c) => [c.name, c] as const,
  );
  const accepted = BAD_CSV_CORPUS.filter((c) => c.expected.kind === 'accepted').map((c) => [c.name] as const);

  it.each(rejected)(
    '%s becomes a non-retryable InvalidDataset naming file, line and column; nothing is stored',
    async (name, c) => {
      const before = await everything(deps.paths.snapshotsDir);
      const failure: unknown = await createSnapshotActivities(deps)
        .snapshotDataset({ datasetPath: `data/${name}` })
        .catch((e: unknown) => e);
      expectInvalidDataset(failure as ApplicationFailure, name, c.expected as Rejected);
      expect(await everything(deps.paths.snapshotsDir)).toEqual(before);
      await expect(fs.access(path.join(deps.paths.dataDir, `${name}.dvc`))).rejects.toThrow();
    },
  );

  it.each(accepted)('%s is snapshotted, with a DVC pointer beside it', async (name) => {
    const result = await createSnapshotActivities(deps).snapshotDataset({ datasetPath: `data/${name}` });
    expect(result.rows).toBeGreaterThan(0);
    expect(result.dvcPointer).toBe(`data/${name}.dvc`);
    expect(await fs.readFile(path.join(deps.paths.dataDir, `${name}.dvc`), 'utf8')).toBe(
      `outs:\n- md5: ${result.md5}\n  size: ${result.sizeBytes}\n  hash: md5\n  path: ${name}\n`,
    );
  });

  it('accepts a single-class file when the caller opts in (allowSingleLabelClass)', async () => {
    const result = await createSnapshotActivities(deps).snapshotDataset({
      datasetPath: 'data/single-label-class.csv',
      allowSingleLabelClass: true,
    });
    expect(result.rows).toBeGreaterThan(0);
  });

  it('names the right line of a 100 MB file whose last row is bad, and stores nothing', async () => {
    const large = await writeLargeFileWithBadLastRow(
      path.join(deps.paths.dataDir, 'large.csv'),
      100 * 1024 * 1024,
    );
    const before = await everything(deps.paths.snapshotsDir);
    const failure = (await createSnapshotActivities(deps)
      .snapshotDataset({ datasetPath: 'data/large.csv' })
      .catch((e: unknown) => e)) as ApplicationFailure;
    expect(failure).toMatchObject({
      type: 'InvalidDataset',
      nonRetryable: true,
      message: `data/large.csv line ${large.badLine}, column "lawyer_rating": expected a number between 1 and 5, got "9.5"`,
    });
    expect(await everything(deps.paths.snapshotsDir)).toEqual(before);
    await fs.rm(large.file);
  }, 120_000);
});

describe('bad datasets through the real retrain workflow', () => {
  let env: TestWorkflowEnvironment;
  let fixture: ProjectFixture;
  beforeAll(async () => {
    env = await startDevServer();
    fixture = await createProjectFixture();
  });
  afterAll(async () => {
    await env?.teardown();
    await fixture?.remove();
  });

  it('fails each at the snapshot step without retrying, and leaves production, versions and snapshots alone', async () => {
    const harness = pipelineHarness(env, fixture);
    const registry = new ModelRegistry(fixture.paths.modelsDir);
    const good = await fixture.writeDataset('good.csv', { rows: 2000, seed: 61 });
    const names = ['truncated-last-row.csv', 'semicolon-delimited.csv', 'single-label-class.csv'];
    for (const name of names)
      await fs.writeFile(path.join(fixture.paths.dataDir, name), corpusCase(name).build());

    await harness.withWorker(async () => {
      const first = await harness.startRetrain({
        datasetPath: good,
        trainingParams: QUICK_TRAINING,
        promotionPolicy: { floors: {} },
      });
      await waitForStage(first, 'awaiting_approval');
      await first.executeUpdate(approvalUpdate, { args: [{ answer: 'approve', approver: 'ana' }] });
      const production = (await first.result()).version;
      const versionsBefore = await registry.listVersions();
      const snapshotsBefore = await everything(fixture.paths.snapshotsDir);

      for (const name of names) {
        const handle = await harness.startRetrain({
          datasetPath: `data/${name}`,
          trainingParams: QUICK_TRAINING,
        });
        const failure = await handle.result().catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(WorkflowFailedError);
        const activityFailure = (failure as WorkflowFailedError).cause as ActivityFailure;
        expect(activityFailure).toBeInstanceOf(ActivityFailure);
        expect(activityFailure.activityType).toBe('snapshotDataset');
        expectInvalidDataset(
          activityFailure.cause as ApplicationFailure,
          name,
          corpusCase(name).expected as Rejected,
        );

        // The started event records the last attempt: 1 means the failure was not retried.
        const snapshotAttempts = (await activityRuns(handle))
          .filter((run) => run.type === 'snapshotDataset')
          .map((run) => run.attempt);
        expect(snapshotAttempts).toEqual([1]);

        expect(await registry.productionVersion()).toBe(production);
        expect(await registry.listVersions()).toEqual(versionsBefore);
        expect(await everything(fixture.paths.snapshotsDir)).toEqual(snapshotsBefore);
      }
    });
    const runs = await new RunStore(path.join(fixture.paths.trackingDir, 'runs')).list();
    const retrains = runs.filter((r) => r.kind === 'retrain');
    expect(retrains.map((r) => r.status).sort()).toEqual(['completed', 'failed', 'failed', 'failed']);
  });
});
