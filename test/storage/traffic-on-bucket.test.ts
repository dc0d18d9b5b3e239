/**
 * Traffic across machines with no shared folder (a real moto server): a
 * server on machine A (its own empty folder, MLOPS_STORE set) answers
 * requests and takes their outcomes by `POST /v1/outcomes`; machine B
 * (another empty folder) reads those predictions and outcomes from the
 * bucket, as the drift check, `dataset from-production` and the realized
 * performance do, and A's folder holds no log or outcome file.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { createSnapshot, generateMatchmakingRows, rowsToCsv } from '../../src/data';
import { joinOutcomes, openOutcomeStore } from '../../src/monitoring/outcomes';
import { trainCandidate } from '../../src/pipeline/train-candidate';
import { openProjectRegistry, promoteVersion, versionName } from '../../src/registry';
import { resolveServingConfig } from '../../src/serving/config';
import {
  loadPredictionLogTable,
  openPredictionLogStore,
  readPredictionLog,
} from '../../src/serving/prediction-log';
import { startServer } from '../../src/serving/server';
import { startMotoServer, type MotoServer } from '../helpers/moto-server';
import { createProjectFixture, type ProjectFixture } from '../helpers/project-fixture';
import { requestRow } from '../helpers/serving-fixture';

let moto: MotoServer;
const machines: ProjectFixture[] = [];

beforeAll(async () => {
  moto = await startMotoServer();
  await moto.createBucket('team');
  // Every store this process opens (registry, log, outcomes) is the bucket's, as MLOPS_STORE says.
  Object.assign(process.env, moto.storeEnv('team', 'legalaid'));
  for (let i = 0; i < 3; i++) machines.push(await createProjectFixture());
}, 90_000);

afterAll(async () => {
  await moto?.stop();
  await Promise.all(machines.map((m) => m.remove()));
});

it('predictions and outcomes served on machine A are read on machine B from the bucket', async () => {
  const [trainer, a, b] = machines as [ProjectFixture, ProjectFixture, ProjectFixture];
  const data = generateMatchmakingRows({ rows: 1200, seed: 5 });
  const csv = path.join(trainer.paths.dataDir, 'traffic.csv');
  await fs.writeFile(csv, rowsToCsv(data));
  const snapshot = await createSnapshot({
    sourcePath: csv,
    root: trainer.paths.snapshotsDir,
    now: new Date(0),
  });
  const registry = openProjectRegistry(trainer.paths.modelsDir);
  const version = versionName(new Date(Date.UTC(2026, 0, 1)), snapshot.md5);
  await trainCandidate({
    registry,
    snapshotsDir: trainer.paths.snapshotsDir,
    datasetMd5: snapshot.md5,
    version,
    params: { epochs: 2, batchSize: 128, seed: 7 },
    checkpointDir: path.join(trainer.paths.workDir, version),
    run: { workflowId: `fixture-${version}`, runId: 'run' },
  });
  await promoteVersion(registry, version, undefined);

  const config = resolveServingConfig(
    a.paths,
    { port: 0, pollIntervalMs: 600_000 },
    { SERVING_INSTANCE: 'machine-a' },
  );
  const server = await startServer(config, pino({ level: 'warn' }));
  const ids: string[] = [];
  try {
    for (let request = 0; request < 3; request++) {
      const rows = data.slice(request * 4, request * 4 + 4).map(requestRow);
      const client = Object.fromEntries(Object.entries(rows[0]!).filter(([k]) => k.startsWith('client_')));
      const lawyers = rows.map((r) =>
        Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('client_'))),
      );
      const response = await fetch(`${server.url}/v1/match/rank`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client, lawyers }),
      });
      expect(response.status).toBe(200);
      for (const r of ((await response.json()) as { ranked: { prediction_id: string }[] }).ranked)
        ids.push(r.prediction_id);
    }
    // Outcomes for the first 8 predictions, through A's HTTP API (found in the bucket's log after A's flush).
    const posted = await fetch(`${server.url}/v1/outcomes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        outcomes: ids.slice(0, 8).map((id, i) => ({ prediction_id: id, match_success: i % 2 })),
      }),
    });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toMatchObject({ stored: 8 });
  } finally {
    await server.close();
  }

  // Machine B: its own empty folders; everything comes from the bucket.
  const log = openPredictionLogStore(path.join(b.paths.root, 'predictions'));
  const logged: string[] = [];
  for await (const entry of readPredictionLog(log)) {
    expect(entry.version).toBe(version);
    logged.push(entry.id);
  }
  expect(logged.sort()).toEqual([...ids].sort());
  const { table } = await loadPredictionLogTable(log); // the drift check's current data
  expect(table.numRows()).toBe(12);
  const outcomes = await openOutcomeStore(path.join(b.paths.root, 'outcomes')).all();
  expect(outcomes.size).toBe(8);
  const { labelled, unlabelled } = await joinOutcomes(readPredictionLog(log), outcomes); // dataset export, realized metrics
  expect(labelled).toHaveLength(8);
  expect(unlabelled).toBe(4);
  expect(labelled.map((l) => l.outcome.matchSuccess).sort()).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
  // A kept no log or outcome file of its own.
  await expect(fs.readdir(path.join(a.paths.root, 'predictions'))).rejects.toThrow();
  await expect(fs.readdir(path.join(a.paths.root, 'outcomes'))).rejects.toThrow();
}, 300_000);
