/**
 * MLflow mirroring on a machine that shares no folder with the trainer: the
 * promoted version lives in the bucket, not in this worker's version cache, and
 * `syncRunToMlflow` must still register it with its files (fetched from the
 * bucket and verified). Real moto, real `mlflow server`; the activity runs in
 * the SDK's MockActivityEnvironment (no workflow is needed to show this).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import pino from 'pino';
import type { ActivityDeps } from '../../activities/deps';
import { createMlflowActivities, type SyncRunToMlflowResult } from '../../activities/mlflow';
import { resolveProjectPaths } from '../../src/config/paths';
import { ModelRegistry, promoteVersion } from '../../src/registry';
import { publishFakeVersion } from '../../src/registry/registry.fixture';
import { openS3Store } from '../../src/storage';
import { RunStore } from '../../src/tracking';
import { retrainStart } from '../../src/tracking/tracking.fixture';
import { startMlflowServer, type MlflowServer } from '../helpers/mlflow-server';
import { MOTO_SDK_CREDENTIALS, startMotoServer, type MotoServer } from '../helpers/moto-server';

const BUCKET = 'mlflow-bucket';
const VERSION = 'v20261130-120000-abcdef12';

let moto: MotoServer;
let mlflow: MlflowServer;
let root: string;

beforeAll(async () => {
  [moto, mlflow] = await Promise.all([startMotoServer(), startMlflowServer()]);
  await moto.createBucket(BUCKET);
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'legalaid-mlflow-bucket-'));
}, 180_000);

afterAll(async () => {
  await Promise.all([moto?.stop(), mlflow?.stop()]);
  if (root) await fs.rm(root, { recursive: true, force: true });
});

it('registers a promoted version this worker never held, with its files fetched from the bucket', async () => {
  const store = openS3Store(moto.storeConfig(BUCKET, 'team/models'), { credentials: MOTO_SDK_CREDENTIALS });
  const trainer = new ModelRegistry(path.join(root, 'trainer', 'models'), { store });
  await publishFakeVersion(trainer, VERSION);
  await promoteVersion(trainer, VERSION, undefined);

  // The syncing worker: its own empty folder, the same bucket.
  const home = path.join(root, 'worker');
  const registry = new ModelRegistry(path.join(home, 'models'), { store });
  const runStore = new RunStore(path.join(home, 'tracking', 'runs'));
  const record = retrainStart({ id: 'retrain-20261130-120000-abcdef12' });
  await runStore.start(record);
  await runStore.finish(record.id, {
    status: 'completed',
    endedAt: '2026-11-30T12:05:00.000Z',
    decision: 'promoted',
    modelVersion: VERSION,
    metrics: { roc_auc: 0.85 },
  });
  await expect(fs.access(registry.layout.versionDir(VERSION))).rejects.toThrow(/ENOENT/);

  const deps = {
    paths: resolveProjectPaths({ MLOPS_HOME: home }),
    registry,
    runStore,
    logger: pino({ level: 'silent' }),
    modelName: 'matchmaking',
    mlflow: {
      trackingUri: mlflow.url,
      experimentName: 'legalaid-bucket',
      registeredModelName: 'legalaid-matchmaking-bucket',
      timeoutMs: 30_000,
    },
  } satisfies ActivityDeps & Record<string, unknown>;
  const result: SyncRunToMlflowResult = await new MockActivityEnvironment().run(
    createMlflowActivities(deps).syncRunToMlflow,
    { recordId: record.id },
  );

  expect(result).toMatchObject({ mirrored: true, registered: { version: '1', champion: true } });
  // model.json, weights.bin, preprocessor.json and the manifest, as the bucket holds them.
  expect(result.mirrored && result.registered?.uploadedFiles).toBeGreaterThanOrEqual(3);
  const weights = await fs.readFile(path.join(registry.layout.versionDir(VERSION), 'weights.bin'), 'utf8');
  expect(weights).toBe(VERSION);
}, 180_000);
