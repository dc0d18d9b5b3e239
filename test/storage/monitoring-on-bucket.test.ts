/**
 * Monitoring's period records and dashboard in the bucket's `reports/` area:
 * a period measured on one machine is published (alerts added, dashboard
 * redrawn from every period) on another that shares no folder with it, and a
 * serving process reads the dashboard from the bucket. Real moto; the
 * activities run in the SDK's MockActivityEnvironment.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import pino from 'pino';
import type { ActivityDeps } from '../../activities/deps';
import { createMonitoringActivities } from '../../activities/monitoring';
import { shareReports } from '../../activities/report-sync';
import { resolveProjectPaths } from '../../src/config/paths';
import { MONITORING_STORE_KEYS, monitoringLocations } from '../../src/monitoring/locations';
import { syntheticPeriods } from '../../src/monitoring/period/period.fixture';
import { readPeriodRecord, writePeriodRecord } from '../../src/monitoring/period/period-files';
import { ModelRegistry } from '../../src/registry';
import { dashboardReader } from '../../src/serving/dashboard-source';
import { openS3Store, type ArtifactStore } from '../../src/storage';
import { RunStore } from '../../src/tracking';
import { MOTO_SDK_CREDENTIALS, startMotoServer, type MotoServer } from '../helpers/moto-server';

const BUCKET = 'monitoring-bucket';

let moto: MotoServer;
let root: string;
let reports: ArtifactStore;

beforeAll(async () => {
  moto = await startMotoServer();
  await moto.createBucket(BUCKET);
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'legalaid-monitoring-bucket-'));
  reports = openS3Store(moto.storeConfig(BUCKET, 'team/reports'), { credentials: MOTO_SDK_CREDENTIALS });
}, 120_000);

afterAll(async () => {
  await moto?.stop();
  if (root) await fs.rm(root, { recursive: true, force: true });
});

/** A worker's dependencies on its own folder, with the bucket's reports area. */
function machine(name: string) {
  const paths = resolveProjectPaths({ MLOPS_HOME: path.join(root, name) });
  const deps = {
    paths,
    registry: new ModelRegistry(paths.modelsDir),
    runStore: new RunStore(path.join(paths.trackingDir, 'runs')),
    logger: pino({ level: 'silent' }),
    modelName: 'matchmaking',
    reportsStore: reports,
    renderDriftHtml: () => Promise.resolve('<html></html>'),
  } satisfies ActivityDeps & Record<string, unknown>;
  return { deps, locations: monitoringLocations(paths), activities: createMonitoringActivities(deps) };
}

/** What the measuring activity leaves behind: the record in its folder and in the bucket. */
async function measuredOn(
  m: ReturnType<typeof machine>,
  record: ReturnType<typeof syntheticPeriods>[number],
) {
  const recordPath = await writePeriodRecord(m.locations.periodsDir, record);
  await shareReports(m.deps, recordPath);
  return recordPath;
}

type Published = { readonly dashboardPath: string };

const dashboardText = async (file: string) => (await fs.readFile(file, 'utf8')).replace(/<[^>]+>/g, ' ');

it('publishes a period measured on another machine and redraws the dashboard from every period in the bucket', async () => {
  const [first, second] = syntheticPeriods(2);
  const a = machine('a');
  const b = machine('b');
  const alert = { kind: 'drift' as const, sent: true, reason: 'drift share 40%' };

  // Period 1 measured on A, published on B (which has never seen it).
  const firstOnA = await measuredOn(a, first!);
  const publishedOnB: Published = await new MockActivityEnvironment().run(
    b.activities.publishMonitoringPeriod,
    {
      recordPath: firstOnA,
      alerts: [alert],
    },
  );
  expect(await dashboardText(publishedOnB.dashboardPath)).toMatch(/1 periods, 2026-09-07 to 2026-09-14/);
  const inBucket = await reports.get(MONITORING_STORE_KEYS.dashboard);
  expect(inBucket.bytes.equals(await fs.readFile(publishedOnB.dashboardPath))).toBe(true);

  // Period 2 measured and published on A: its dashboard has both periods, period 1 with B's alert.
  const secondOnA = await measuredOn(a, second!);
  const publishedOnA: Published = await new MockActivityEnvironment().run(
    a.activities.publishMonitoringPeriod,
    {
      recordPath: secondOnA,
      alerts: [],
    },
  );
  expect(await dashboardText(publishedOnA.dashboardPath)).toMatch(/2 periods, 2026-09-07 to 2026-09-21/);
  expect((await readPeriodRecord(firstOnA)).alerts).toEqual([alert]);

  // A server on a third folder serves the bucket's dashboard, not a (missing) local file.
  const c = machine('c');
  const served = await dashboardReader(c.locations.dashboardPath, reports)();
  expect(Buffer.from(served!).equals(await fs.readFile(publishedOnA.dashboardPath))).toBe(true);
  expect(await dashboardReader(c.locations.dashboardPath, undefined)()).toBeUndefined();
}, 120_000);
