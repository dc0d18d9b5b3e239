/**
 * Experiment routing on a real server with real trained versions: the
 * routing table is followed after a reload, shadow requests are answered by
 * production with both versions' scores logged, canary clients are answered
 * by the version their hash picks (the same one on every request), a table
 * for another production version routes nothing, and a candidate that cannot
 * load never fails a request.
 */
import pino from 'pino';
import { assignmentPoint } from '../../src/experiments/assignment';
import { writeRoutingTable, type RoutedExperiment } from '../../src/experiments/routing-table';
import { resolveServingConfig } from '../../src/serving/config';
import {
  FilePredictionLogStore,
  readPredictionLog,
  type PredictionLogEntry,
} from '../../src/serving/prediction-log';
import { startServer, type RunningServer } from '../../src/serving/server';
import { createServingFixture, requestRow, type ServingFixture } from '../helpers/serving-fixture';

let fixture: ServingFixture;
let server: RunningServer;
let logDir: string;

beforeAll(async () => {
  fixture = await createServingFixture(2, 600);
  const config = resolveServingConfig(fixture.project.paths, { port: 0, pollIntervalMs: 600_000 }, {});
  logDir = config.predictionLogDir;
  server = await startServer(config, pino({ level: 'silent' }));
}, 180_000);

afterAll(async () => {
  await server?.close();
  await fixture?.project.remove();
});

async function publish(experiment: Partial<RoutedExperiment> | null): Promise<void> {
  const [production, candidate] = fixture.versions as [string, string];
  await writeRoutingTable(fixture.project.paths.modelsDir, {
    schema: 1,
    model: 'matchmaking',
    experiment:
      experiment === null
        ? null
        : {
            id: 'exp-test',
            candidate,
            production,
            stage: 'shadow',
            canaryShare: 0,
            updatedAt: new Date().toISOString(),
            updatedBy: 'test',
            reason: 'test',
            ...experiment,
          },
  });
  await server.router.refresh?.();
}

async function rank(
  clientId?: string,
): Promise<{ model_version: string; ranked: { prediction_id: string }[] }> {
  const rows = fixture.rows.slice(0, 4).map(requestRow);
  const client = Object.fromEntries(Object.entries(rows[0]!).filter(([k]) => k.startsWith('client_')));
  const lawyers = rows.map((r) =>
    Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('client_'))),
  );
  const response = await fetch(`${server.url}/v1/match/rank`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client, lawyers, ...(clientId ? { client_id: clientId } : {}) }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { model_version: string; ranked: { prediction_id: string }[] };
}

async function loggedById(): Promise<Map<string, PredictionLogEntry>> {
  await server.predictionLog.flush();
  const entries = new Map<string, PredictionLogEntry>();
  const store = new FilePredictionLogStore(logDir);
  for await (const entry of readPredictionLog(store)) entries.set(entry.id, entry);
  return entries;
}

it('shadow: production answers, both versions score every row, both timed', async () => {
  const [production, candidate] = fixture.versions as [string, string];
  await publish({ stage: 'shadow' });
  const answer = await rank('client-1');
  expect(answer.model_version).toBe(production);
  const log = await loggedById();
  for (const { prediction_id } of answer.ranked) {
    const entry = log.get(prediction_id)!;
    expect(entry.arm).toBe('shadow');
    expect(entry.version).toBe(production);
    expect(entry.experiment).toMatchObject({ id: 'exp-test', stage: 'shadow', candidate, production });
    expect(entry.experiment!.production_probability).toBe(entry.probability);
    expect(entry.experiment!.candidate_probability).toEqual(expect.any(Number));
    expect(entry.experiment!.candidate_probability).not.toBe(entry.probability); // another model
    expect(entry.experiment!.candidate_ms).toBeGreaterThanOrEqual(0);
    expect(entry.experiment!.candidate_error).toBeNull();
  }
});

it('canary: each client is answered by the arm its hash picks, on every request', async () => {
  const [production, candidate] = fixture.versions as [string, string];
  await publish({ stage: 'canary', canaryShare: 0.5 });
  const clients = Array.from({ length: 12 }, (_, i) => `client-${i}`);
  for (const id of clients) {
    const expected = assignmentPoint('exp-test', id) < 0.5 ? candidate : production;
    const first = await rank(id);
    const second = await rank(id);
    expect([first.model_version, second.model_version]).toEqual([expected, expected]);
    const entry = (await loggedById()).get(first.ranked[0]!.prediction_id)!;
    expect(entry.arm).toBe(expected === candidate ? 'canary_candidate' : 'canary_production');
    expect(entry.experiment!.stage).toBe('canary');
  }
  const anonymous = await rank();
  expect(anonymous.model_version).toBe(production);
  expect((await loggedById()).get(anonymous.ranked[0]!.prediction_id)!.arm).toBe('unassigned');
});

it('a table for another production version, or none, routes everything to production alone', async () => {
  const [production, candidate] = fixture.versions as [string, string];
  await publish({ stage: 'canary', canaryShare: 0.5, production: candidate, candidate: production });
  for (let i = 0; i < 6; i++) {
    const answer = await rank(`client-${i}`);
    expect(answer.model_version).toBe(production);
    const entry = (await loggedById()).get(answer.ranked[0]!.prediction_id)!;
    expect(entry.arm).toBe('production');
    expect(entry.experiment).toBeUndefined();
  }
  await publish(null);
  expect((await rank('client-0')).model_version).toBe(production);
});

it('a candidate that cannot load never fails a request: production answers and the error is logged', async () => {
  const [production] = fixture.versions as [string, string];
  await publish({ stage: 'canary', canaryShare: 0.5, candidate: 'v20260101-000000-00000000' });
  const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => rank(`client-${i}`)));
  const log = await loggedById();
  for (const answer of answers) {
    expect(answer.model_version).toBe(production);
    const entry = log.get(answer.ranked[0]!.prediction_id)!;
    expect(entry.experiment!.candidate_probability).toBeNull();
    expect(entry.experiment!.candidate_error).toEqual(expect.any(String));
  }
  await publish(null);
});
