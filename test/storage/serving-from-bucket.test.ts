/**
 * A model server on a machine that shares no folder with the trainer: it reads
 * production from the bucket's pointers (a real moto server), downloads and
 * verifies the version into its own folder, and hot-reloads when a promotion
 * made elsewhere switches the pointer.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { createSnapshot, generateMatchmakingRows, rowsToCsv } from '../../src/data';
import { trainCandidate } from '../../src/pipeline/train-candidate';
import { ModelRegistry, promoteVersion, versionName } from '../../src/registry';
import { resolveServingConfig } from '../../src/serving/config';
import { startServer } from '../../src/serving/server';
import { openS3Store } from '../../src/storage';
import { MOTO_SDK_CREDENTIALS, startMotoServer, type MotoServer } from '../helpers/moto-server';
import { createProjectFixture, type ProjectFixture } from '../helpers/project-fixture';
import { requestRow } from '../helpers/serving-fixture';

const TOKEN = 'admin-token-for-tests';
let moto: MotoServer;
let trainer: ProjectFixture;
let server: ProjectFixture;

beforeAll(async () => {
  moto = await startMotoServer();
  await moto.createBucket('team');
  trainer = await createProjectFixture();
  server = await createProjectFixture();
}, 90_000);

afterAll(async () => {
  await moto?.stop();
  await trainer?.remove();
  await server?.remove();
});

it('serves production from the bucket and reloads after a promotion made on another machine', async () => {
  const store = openS3Store(moto.storeConfig('team', 'legalaid/models'), {
    credentials: MOTO_SDK_CREDENTIALS,
  });
  const data = generateMatchmakingRows({ rows: 1200, seed: 11 });
  const csv = path.join(trainer.paths.dataDir, 'serving.csv');
  await fs.writeFile(csv, rowsToCsv(data));
  const snapshot = await createSnapshot({
    sourcePath: csv,
    root: trainer.paths.snapshotsDir,
    now: new Date(0),
  });
  const trainerRegistry = new ModelRegistry(trainer.paths.modelsDir, { store });
  const versions: string[] = [];
  for (let i = 0; i < 2; i++) {
    const version = versionName(new Date(Date.UTC(2026, 0, 1, 0, 0, i)), snapshot.md5);
    await trainCandidate({
      registry: trainerRegistry,
      snapshotsDir: trainer.paths.snapshotsDir,
      datasetMd5: snapshot.md5,
      version,
      params: { epochs: 2, batchSize: 128, seed: 100 + i },
      checkpointDir: path.join(trainer.paths.workDir, version),
      run: { workflowId: `fixture-${version}`, runId: 'run' },
    });
    versions.push(version);
  }
  const [v0, v1] = versions as [string, string];
  await promoteVersion(trainerRegistry, v0, undefined);

  const config = resolveServingConfig(
    server.paths,
    { port: 0, pollIntervalMs: 600_000 },
    { SERVING_ADMIN_KEYS: TOKEN },
  );
  const running = await startServer(config, pino({ level: 'warn' }), {
    registry: new ModelRegistry(server.paths.modelsDir, { store }),
  });
  const predictVersion = async () => {
    const response = await fetch(`${running.url}/v1/models/matchmaking:predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instances: [requestRow(data[0]!)] }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { model_version: string }).model_version;
  };
  try {
    expect(await predictVersion()).toBe(v0);
    await promoteVersion(trainerRegistry, v1, v0);
    const response = await fetch(`${running.url}/admin/reload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { results: unknown[] }).results[0]).toMatchObject({
      production: v1,
      changed: true,
    });
    expect(await predictVersion()).toBe(v1);
    // The server's folder is a cache of verified downloads, not a registry: no production link.
    expect((await fs.readdir(path.join(server.paths.modelsDir, 'versions'))).sort()).toEqual([v0, v1]);
    await expect(fs.lstat(path.join(server.paths.modelsDir, 'production'))).rejects.toThrow();
  } finally {
    await running.close();
  }
}, 300_000);
