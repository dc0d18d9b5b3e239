import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ModelRegistry } from '../../registry';
import type { PredictionLogEntry } from '../../serving/prediction-log/entry';
import { FilePredictionLogStore } from '../../serving/prediction-log/store';
import { checkPeriodDrift } from './period-drift';
import { readPeriodPredictions } from './period-predictions';

function entry(id: number, time: string, version = 'v1'): PredictionLogEntry {
  return {
    id: `0190${String(id).padStart(4, '0')}-0000-7000-8000-000000000000`,
    time,
    model: 'matchmaking',
    version,
    route: 'v2',
    arm: 'production',
    request_id: 'r',
    input: {},
    probability: 0.5,
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'period-predictions-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('a period of the prediction log', () => {
  it('keeps start <= time < end across day files, and does not read the day after a midnight end', async () => {
    const store = new FilePredictionLogStore(dir, 'test');
    const times = [
      '2026-11-22T23:59:59.999Z',
      '2026-11-23T00:00:00.000Z',
      '2026-11-29T23:59:59.999Z',
      '2026-11-30T00:00:00.000Z',
    ];
    for (const [i, time] of times.entries())
      await store.append(time.slice(0, 10), `${JSON.stringify(entry(i, time))}\n`);
    const { entries } = await readPeriodPredictions(store, {
      start: new Date('2026-11-23T00:00:00Z'),
      end: new Date('2026-11-30T00:00:00Z'),
    });
    expect(entries.map((e) => e.time)).toEqual([times[1], times[2]]);
  });
});

describe('drift on a period', () => {
  const options = {
    // Neither branch below may read the registry: nothing is compared.
    registry: {} as ModelRegistry,
    snapshotsDir: '/nonexistent',
    reportsDir: '/nonexistent',
    renderHtml: () => '',
    window: { start: new Date(0), end: new Date(1) },
    minRows: 3,
    now: new Date(1),
  };
  const empty = {
    share: null,
    thresholdShare: null,
    datasetDrift: false,
    driftedColumns: [],
    topColumns: [],
    reportPath: null,
  };

  it('says "not enough traffic" below minRows, with no verdict and no alert summary', async () => {
    const rows = [entry(1, '1970-01-01T00:00:00Z'), entry(2, '1970-01-01T00:00:00Z')];
    expect(await checkPeriodDrift('v1', rows, options)).toEqual({
      drift: { status: 'not_enough_traffic', rows: 2, minRows: 3, ...empty },
      summary: null,
    });
  });

  it('says "no production" without a production model', async () => {
    expect(await checkPeriodDrift(undefined, [], options)).toEqual({
      drift: { status: 'no_production', rows: 0, minRows: 3, ...empty },
      summary: null,
    });
  });
});
