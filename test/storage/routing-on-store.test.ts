/**
 * The experiments' routing table in a bucket (a real moto server): written on
 * one machine with a conditional write, read by a server's router on another
 * with no shared folder; a damaged object routes to production alone.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { readRoutingTable, writeRoutingTable, type RoutingTable } from '../../src/experiments/routing-table';
import { ExperimentRouter } from '../../src/serving/experiment-router';
import { createS3Client, openS3Store } from '../../src/storage';
import { MOTO_SDK_CREDENTIALS, startMotoServer, type MotoServer } from '../helpers/moto-server';

const table = (share: number): RoutingTable => ({
  schema: 1,
  model: 'matchmaking',
  experiment: {
    id: 'experiment-matchmaking/run-1',
    candidate: 'v20260101-000001-3f2a9c1d',
    production: 'v20260101-000000-3f2a9c1d',
    stage: 'canary',
    canaryShare: share,
    updatedAt: '2026-01-02T03:04:05.000Z',
    updatedBy: 'ana',
    reason: 'canary after a clean shadow',
  },
});

let moto: MotoServer;
let dir: string;
beforeAll(async () => {
  moto = await startMotoServer();
  await moto.createBucket('team');
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'routing-bucket-'));
}, 90_000);
afterAll(async () => {
  await moto?.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

const models = () =>
  openS3Store(moto.storeConfig('team', 'legalaid'), { credentials: MOTO_SDK_CREDENTIALS }).scoped('models');

it('is written on one machine and routed by on another; a damaged object means production alone', async () => {
  const writerDir = path.join(dir, 'writer');
  const serverDir = path.join(dir, 'server');
  expect(await readRoutingTable(serverDir, models())).toEqual({ table: null });
  await writeRoutingTable(writerDir, table(0.1), models());
  await writeRoutingTable(writerDir, table(0.25), models()); // replaced with If-Match on the ETag it read
  await expect(fs.readdir(writerDir)).rejects.toThrow(); // nothing in the writer's folder

  const warnings: string[] = [];
  const router = new ExperimentRouter(
    serverDir,
    { warn: (_o: object, msg: string) => void warnings.push(msg) },
    models(),
  );
  await router.refresh();
  expect(router.current).toMatchObject({ stage: 'canary', canaryShare: 0.25 });

  const client = createS3Client(moto.storeConfig('team'), { credentials: MOTO_SDK_CREDENTIALS });
  try {
    await client.send(
      new PutObjectCommand({
        Bucket: 'team',
        Key: 'legalaid/models/routing.json',
        Body: Buffer.from('{}'),
        Metadata: { sha256: '0'.repeat(64) },
      }),
    );
  } finally {
    client.destroy();
  }
  await router.refresh();
  expect(router.current).toBeNull();
  expect(warnings).toEqual(['routing table refused: production answers alone']);
  expect((await readRoutingTable(serverDir, models())).problem).toContain('object "routing.json"');
}, 60_000);
