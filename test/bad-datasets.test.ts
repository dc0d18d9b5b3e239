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
import { csvText, validCsvLines } from '../src/data/dataset.fixture';
import { DatasetProblem } from '../src/data/errors';
import { LABEL_COLUMN } from '../src/data/schema';
import { readSnapshotManifest } from '../src/data/snapshot-store';
import { ModelRegistry } from '../src/registry';
import { RunStore } from '../src/tracking';
import { approvalUpdate } from '../workflows/retrain-messages';
import { activityRuns } from './helpers/history';
import { pipelineHarness, QUICK_TRAINING, waitForStage } from './helpers/pipeline-harness';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';
import { startDevServer } from './helpers/temporal-servers';

/** Valid files too small to train on (issue 12, defect 8): 3 rows, and 2 distinct rows repeated 500 times. */
const TOO_SMALL = {
  'three-rows.csv': () => csvText(validCsvLines(3, 4)),
  'two-rows-500-times.csv': () => {
    const lines = validCsvLines(40, 2);
    const positive = lines.slice(1).find((l) => l.endsWith(',1'))!;
    const negative = lines.slice(1).find((l) => l.endsWith(',0'))!;
    return csvText([
      lines[0]!,
      ...Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? positive : negative)),
    ]);
  },
};
const TOO_FEW_ROWS: Rejected = {
  kind: 'rejected',
  stage: 'labels',
  problem: DatasetProblem.TooFewRows,
  column: LABEL_COLUMN,
  detail:
    /^too few rows: the (train|validation|test) part has \d distinct rows with match_success [01], and each of train, validation, test needs at least 10 distinct rows of each class\. The file has \d+ rows, /,
};

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

  // The corpus files have 12 rows, enough for the parsing cases and far too few to train on
  // (see the row-minimum tests below), so these ask for no row minimum.
  it.each(accepted)('%s is snapshotted, with a DVC pointer beside it', async (name) => {
    const result = await createSnapshotActivities(deps).snapshotDataset({
      datasetPath: `data/${name}`,
      requiredParts: [],
    });
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

  it.each(Object.entries(TOO_SMALL))(
    '%s is refused for training (TOO_FEW_ROWS), naming the file and the minimum; nothing is stored',
    async (name, build) => {
      await fs.writeFile(path.join(deps.paths.dataDir, name), build());
      const before = await everything(deps.paths.snapshotsDir);
      const failure = (await createSnapshotActivities(deps)
        .snapshotDataset({ datasetPath: `data/${name}` })
        .catch((e: unknown) => e)) as ApplicationFailure;
      expectInvalidDataset(failure, name, TOO_FEW_ROWS);
      expect(await everything(deps.paths.snapshotsDir)).toEqual(before);
    },
  );

  it('says how many rows are copies when a file is 2 rows repeated 500 times', async () => {
    await fs.writeFile(path.join(deps.paths.dataDir, 'copies.csv'), TOO_SMALL['two-rows-500-times.csv']());
    const failure = (await createSnapshotActivities(deps)
      .snapshotDataset({ datasetPath: 'data/copies.csv' })
      .catch((e: unknown) => e)) as ApplicationFailure;
    expect(failure.message).toContain(
      'The file has 1000 rows, 1 distinct with label 1 and 1 with label 0; 998 of its 1000 rows (99.8%) repeat another row',
    );
  });

  it('snapshots a file with many copies but enough distinct rows, recording their share', async () => {
    const lines = validCsvLines(800, 31);
    // 800 distinct rows, then rows 1..400 twice more: 1600 rows, half of them copies.
    const copies = [...lines, ...lines.slice(1, 401), ...lines.slice(1, 401)];
    await fs.writeFile(path.join(deps.paths.dataDir, 'half-copies.csv'), csvText(copies));
    const result = await createSnapshotActivities(deps).snapshotDataset({
      datasetPath: 'data/half-copies.csv',
    });
    expect(result).toMatchObject({ rows: 1600, duplicateShare: 0.5 });
    const manifest = await readSnapshotManifest(deps.paths.snapshotsDir, result.md5);
    expect(manifest.duplicates).toMatchObject({ rows: 1600, distinctRows: 800, duplicateRows: 800 });
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
    const corpus = ['truncated-last-row.csv', 'semicolon-delimited.csv', 'single-label-class.csv'];
    for (const name of corpus)
      await fs.writeFile(path.join(fixture.paths.dataDir, name), corpusCase(name).build());
    for (const [name, build] of Object.entries(TOO_SMALL))
      await fs.writeFile(path.join(fixture.paths.dataDir, name), build());
    const names = [...corpus, ...Object.keys(TOO_SMALL)];
    const expected = (name: string): Rejected =>
      Object.hasOwn(TOO_SMALL, name) ? TOO_FEW_ROWS : (corpusCase(name).expected as Rejected);

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
        expectInvalidDataset(activityFailure.cause as ApplicationFailure, name, expected(name));

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
    expect(retrains.map((r) => r.status).sort()).toEqual(['completed', ...names.map(() => 'failed')]);
  });
});
