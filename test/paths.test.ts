/**
 * Issue 6, item 6: paths that arrive from CI or the CLI stay inside their
 * roots, and model artifacts are checksum-verified before evaluation uses them.
 * The activities are called as the worker builds them, on a throw-away project
 * with real files, real symlinks and a really trained model; no Temporal server
 * is needed: the one activity that reads its context (promotion, which records
 * the calling workflow) runs in the SDK's MockActivityEnvironment.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { createDriftActivities } from '../activities/drift';
import { createEvaluateActivities } from '../activities/evaluate';
import type { ActivityDeps } from '../activities/deps';
import { createPromoteActivities } from '../activities/promote';
import { createSnapshotActivities } from '../activities/snapshot';
import { resolveProjectPaths } from '../src/config/paths';
import { generateMatchmakingRows, rowsToCsv } from '../src/data';
import { trainCandidate } from '../src/pipeline/train-candidate';
import { ARTIFACT_FILES, ModelRegistry } from '../src/registry';
import { renderDriftReport } from '../src/reports/drift-report';
import { renderEvaluationReport, renderEvaluationText } from '../src/reports/evaluation-report';
import { RunStore } from '../src/tracking';

/** A project in a temp folder with the worker's real stores, and a folder outside it. */
async function createProject(): Promise<{ deps: ActivityDeps; tmp: string; outside: string }> {
  const tmp = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'paths-')));
  const paths = resolveProjectPaths({ MLOPS_HOME: path.join(tmp, 'project') });
  const outside = path.join(tmp, 'outside');
  await fs.mkdir(paths.dataDir, { recursive: true });
  await fs.mkdir(outside);
  const csv = rowsToCsv(generateMatchmakingRows({ rows: 600, seed: 21 }));
  await fs.writeFile(path.join(paths.dataDir, 'train.csv'), csv);
  await fs.writeFile(path.join(outside, 'stolen.csv'), csv);
  await fs.writeFile(path.join(paths.root, 'secret.csv'), csv);
  const deps: ActivityDeps = {
    paths,
    registry: new ModelRegistry(paths.modelsDir),
    runStore: new RunStore(path.join(paths.trackingDir, 'runs')),
    logger: pino({ level: 'silent' }),
    modelName: 'matchmaking',
  };
  return { deps, tmp, outside };
}

/** The failure an activity call ends with; it must be a non-retryable ApplicationFailure. */
async function failureOf(call: Promise<unknown>): Promise<ApplicationFailure> {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApplicationFailure))
    throw new Error(`expected an ApplicationFailure, got ${String(error)}`);
  expect(error.nonRetryable).toBe(true);
  return error;
}

describe('dataset and current-data paths from workflow inputs', () => {
  let deps: ActivityDeps;
  let tmp: string;
  let outside: string;
  let snapshots: ReturnType<typeof createSnapshotActivities>;
  let drift: ReturnType<typeof createDriftActivities>;

  beforeEach(async () => {
    ({ deps, tmp, outside } = await createProject());
    snapshots = createSnapshotActivities(deps);
    drift = createDriftActivities({ ...deps, renderDriftHtml: renderDriftReport });
  });
  afterEach(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  /** Every way out of data/ that a CI job or a CLI user could type, after the symlinks are set up. */
  async function escapes(): Promise<Record<string, string>> {
    const data = deps.paths.dataDir;
    await fs.symlink(path.join(outside, 'stolen.csv'), path.join(data, 'link.csv'));
    await fs.symlink(outside, path.join(data, 'shared'));
    await fs.symlink(path.join(outside, 'not-there.csv'), path.join(data, 'dangling.csv'));
    return {
      'a ../ escape to the project': 'data/../secret.csv',
      'a ../ escape out of the project': '../outside/stolen.csv',
      'an absolute path outside': path.join(outside, 'stolen.csv'),
      '/etc/passwd': '/etc/passwd',
      'a symlinked file pointing outside': 'data/link.csv',
      'a file below a symlinked parent folder': 'data/shared/stolen.csv',
      'a dangling symlink pointing outside': 'data/dangling.csv',
    };
  }

  it('refuses every escape in snapshotDataset, hashDataset and checkDrift, storing nothing', async () => {
    for (const [what, requested] of Object.entries(await escapes())) {
      for (const call of [
        () => snapshots.snapshotDataset({ datasetPath: requested }),
        () => snapshots.hashDataset({ datasetPath: requested }),
        () => drift.checkDrift({ currentPath: requested }),
      ]) {
        const failure = await failureOf(call());
        expect({ what, type: failure.type }).toEqual({ what, type: 'InvalidInput' });
        expect(failure.message).toBe(
          `path "${requested}" is outside the allowed folder ${deps.paths.dataDir}`,
        );
        expect(failure.details).toEqual([{ path: requested }]);
      }
    }
    await expect(fs.readdir(deps.paths.snapshotsDir)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(fs.readdir(deps.paths.reportsDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses NUL bytes, empty and non-string paths as InvalidInput rather than retrying', async () => {
    const inputs: unknown[] = ['data/train.csv\0.png', '', 42, null, { path: 'data/train.csv' }];
    for (const requested of inputs) {
      const failure = await failureOf(snapshots.snapshotDataset({ datasetPath: requested as string }));
      expect(failure.type).toBe('InvalidInput');
      expect(failure.message).toMatch(/^path .* is not usable: /);
      expect((await failureOf(drift.checkDrift({ currentPath: requested as string }))).type).toBe(
        'InvalidInput',
      );
    }
  });

  it('refuses a folder, a pipe and a missing file in hashDataset without blocking or retrying', async () => {
    await fs.mkdir(path.join(deps.paths.dataDir, 'folder.csv'));
    await promisify(execFile)('mkfifo', [path.join(deps.paths.dataDir, 'pipe.csv')]);
    for (const [requested, message] of [
      ['data/folder.csv', 'dataset data/folder.csv is not a regular file'],
      ['data/pipe.csv', 'dataset data/pipe.csv is not a regular file'],
      ['data/missing.csv', 'dataset data/missing.csv does not exist'],
    ] as const) {
      const failure = await failureOf(snapshots.hashDataset({ datasetPath: requested }));
      expect(failure).toMatchObject({ type: 'InvalidInput', message });
    }
    const pipe = await failureOf(snapshots.snapshotDataset({ datasetPath: 'data/pipe.csv' }));
    expect(pipe).toMatchObject({
      type: 'InvalidDataset',
      message: 'data/pipe.csv: cannot read the file: it is not a regular file (a pipe or a device?)',
    });
  });

  it('accepts paths that stay inside: relative, absolute, through .. and through an inside symlink', async () => {
    const data = deps.paths.dataDir;
    await fs.symlink('train.csv', path.join(data, 'alias.csv'));
    const expected = await snapshots.hashDataset({ datasetPath: 'data/train.csv' });
    for (const requested of [path.join(data, 'train.csv'), 'data/../data/train.csv', 'data/alias.csv']) {
      await expect(snapshots.hashDataset({ datasetPath: requested })).resolves.toEqual(expected);
    }
    const snapshot = await snapshots.snapshotDataset({ datasetPath: 'data/alias.csv' });
    expect(snapshot).toMatchObject({ md5: expected.md5, rows: 600, reused: false });
  });

  it('works with a data folder that is itself a symlink (a mounted volume)', async () => {
    const volume = path.join(tmp, 'volume');
    await fs.rename(deps.paths.dataDir, volume);
    await fs.symlink(volume, deps.paths.dataDir);
    await expect(snapshots.snapshotDataset({ datasetPath: 'data/train.csv' })).resolves.toMatchObject({
      rows: 600,
    });
    const failure = await failureOf(snapshots.snapshotDataset({ datasetPath: 'data/../secret.csv' }));
    expect(failure.type).toBe('InvalidInput');
  });
});

describe('model artifacts are checksum-verified before evaluation and promotion', () => {
  let deps: ActivityDeps;
  let tmp: string;
  let version: string;
  let datasetMd5: string;

  const evaluation = () =>
    createEvaluateActivities({
      ...deps,
      renderEvaluation: { html: renderEvaluationReport, text: renderEvaluationText },
    });

  beforeAll(async () => {
    ({ deps, tmp } = await createProject());
    datasetMd5 = (await createSnapshotActivities(deps).snapshotDataset({ datasetPath: 'data/train.csv' }))
      .md5;
    const trained = await trainCandidate({
      registry: deps.registry,
      snapshotsDir: deps.paths.snapshotsDir,
      datasetMd5,
      version: `v20261128-133600-${datasetMd5.slice(0, 8)}`,
      params: { epochs: 2, batchSize: 128, patience: 2 },
      checkpointDir: path.join(deps.paths.workDir, 'paths-test', 'checkpoint'),
      run: { workflowId: 'paths-test', runId: 'run-1' },
    });
    version = trained.version;
  }, 120_000);
  afterAll(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  /** Flips one byte of a version's file, runs `check`, then puts the byte back. */
  async function withFlippedByte(file: string, check: () => Promise<void>): Promise<void> {
    const target = path.join(deps.registry.layout.versionDir(version), file);
    const original = await fs.readFile(target);
    const damaged = Buffer.from(original);
    const at = Math.floor(damaged.length / 2);
    damaged[at] = damaged[at]! ^ 0xff;
    await fs.chmod(target, 0o644);
    await fs.writeFile(target, damaged);
    try {
      await check();
    } finally {
      await fs.writeFile(target, original);
    }
  }

  it('evaluates the intact version (so the refusals below are about the flipped byte)', async () => {
    const result = await evaluation().evaluateCandidate({ version, datasetMd5, policy: { floors: {} } });
    expect(result.candidate.rocAuc).toEqual(expect.any(Number));
    expect(result.testRows).toBeGreaterThan(0);
  });

  it.each(ARTIFACT_FILES)(
    'refuses a version whose %s has one flipped byte, naming the file, without retrying',
    async (file) => {
      const target = path.join(deps.registry.layout.versionDir(version), file);
      await withFlippedByte(file, async () => {
        for (const call of [
          () => evaluation().evaluateCandidate({ version, datasetMd5 }),
          () => evaluation().evaluateModelVersion({ version, datasetMd5 }),
          // promoteCandidate names the workflow that asked in the switch history, so it runs in an activity context.
          () =>
            new MockActivityEnvironment().run(createPromoteActivities(deps).promoteCandidate, {
              version,
              expectedProduction: null,
            }),
        ]) {
          const failure = await failureOf(call());
          expect(failure.type).toBe('InvalidArtifact');
          expect(failure.message).toMatch(
            new RegExp(
              `^${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: sha256 [0-9a-f]{12}… does not match the manifest's [0-9a-f]{12}…$`,
            ),
          );
          expect(failure.details).toEqual([{ code: 'CHECKSUM_MISMATCH', file: target }]);
        }
      });
      expect(await deps.registry.productionVersion()).toBeUndefined();
    },
  );

  it('refuses version names and snapshot ids that could become paths', async () => {
    const badVersion = await failureOf(
      evaluation().evaluateModelVersion({ version: '../../etc', datasetMd5 }),
    );
    expect(badVersion.message).toBe(
      '"../../etc" is not a model version name (expected e.g. v20261128-133600-3f2a9c1d)',
    );
    const badMd5 = await failureOf(
      evaluation().evaluateModelVersion({ version, datasetMd5: '../../../etc/passwd' }),
    );
    expect(badMd5).toMatchObject({ type: 'InvalidInput' });
    expect(badMd5.message).toBe('"../../../etc/passwd" is not an md5 digest (32 lowercase hex digits)');
  });
});
