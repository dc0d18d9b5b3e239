/**
 * Faults in the middle of an experiment, with real parts: the serving process
 * (`npm run cli -- serve`, its own OS process) is killed with SIGKILL and
 * started again, and the Temporal dev server (a child process on a SQLite
 * file) is killed with SIGKILL and started again on the same file and port,
 * while a child worker runs the experiment and traffic and outcomes keep
 * coming. Traffic is deterministic (fixed clients in a fixed order, 0/1
 * outcomes from a seeded generator by the version that answered).
 *
 * Afterwards the experiment's per-arm counts equal exactly what the
 * prediction log and the outcome store hold (rows the killed server never
 * flushed are in neither, and outcomes for them are refused as unknown), and
 * the decision is the one the same experiment reaches without faults.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { freePort } from '../bench/lib/free-port';
import { startServeProcess, type ServeProcess } from '../bench/lib/serve-process';
import { createRng, type Rng } from '../src/data/random';
import { readRoutingTable } from '../src/experiments/routing-table';
import { FileOutcomeStore } from '../src/monitoring/outcomes/outcome-store';
import { FilePredictionLogStore, readPredictionLog } from '../src/serving/prediction-log';
import type { experimentWorkflow } from '../workflows';
import {
  experimentStatusQuery,
  type ExperimentInput,
  type ExperimentResult,
  type ExperimentStatus,
} from '../workflows/experiment-messages';
import { killHard, startChildWorker } from './helpers/child-worker';
import { startDevServerProcess, type DevServerProcess } from './helpers/dev-server-process';
import { createServingFixture, requestRow, type ServingFixture } from './helpers/serving-fixture';

jest.setTimeout(900_000);

const SERVE_ARGS = ['--poll-interval-ms', '200', '--flush-interval-ms', '200'];

let tmp: string;
let temporal: DevServerProcess;
let connection: Connection;
let client: Client;
let fixture: ServingFixture;
let worker: ChildProcess | undefined;
let serve: ServeProcess | undefined;
let port: number;
let production: string;
let candidate: string;
const taskQueue = `experiment-faults-${randomUUID()}`;

const root = () => fixture.project.paths.root;
const logDir = () => path.join(root(), 'predictions');
const outcomeStore = () => new FileOutcomeStore(path.join(root(), 'outcomes'));

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'experiment-faults-'));
  [temporal, fixture, port] = await Promise.all([
    startDevServerProcess(path.join(tmp, 'temporal.db')),
    createServingFixture(2, 600),
    freePort(),
  ]);
  [production, candidate] = fixture.versions as [string, string];
  connection = await Connection.connect({ address: temporal.address });
  client = new Client({ connection, namespace: 'default' });
  [worker, serve] = await Promise.all([
    startChildWorker({ address: temporal.address, projectRoot: root(), taskQueue }),
    startServeProcess(root(), port, SERVE_ARGS),
  ]);
}, 600_000);

afterAll(async () => {
  if (worker) await killHard(worker);
  if (serve) await killHard(serve.child);
  await connection?.close();
  await temporal?.stop('SIGKILL');
  await fixture?.project.remove();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

/** A rank request of one client for two lawyers, from the fixture's rows. */
function rankBody(i: number) {
  const pick = fixture.rows.slice((i * 2) % 500, ((i * 2) % 500) + 2).map(requestRow);
  const client_ = Object.fromEntries(Object.entries(pick[0]!).filter(([k]) => k.startsWith('client_')));
  const lawyers = pick.map((r) =>
    Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('client_'))),
  );
  return { client: client_, lawyers, client_id: `client-${(i * 7) % 60}` };
}

/** Prediction ids in the log. */
async function loggedIds(): Promise<Set<string>> {
  const ids = new Set<string>();
  for await (const e of readPredictionLog(new FilePredictionLogStore(logDir()))) ids.add(e.id);
  return ids;
}

/** What one request was answered with: its ids and a drawn outcome per row. */
type Answer = { id: string; y: 0 | 1 };

/**
 * Sends requests `from`…`to − 1` one after another; the candidate's answers
 * succeed with probability 0.9, production's with 0.15.
 */
async function send(from: number, to: number, rng: Rng): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = from; i < to; i++) {
    const response = await fetch(`${serve!.url}/v1/match/rank`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rankBody(i)),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { model_version: string; ranked: { prediction_id: string }[] };
    const p = body.model_version === candidate ? 0.9 : 0.15;
    for (const r of body.ranked) answers.push({ id: r.prediction_id, y: rng.next() < p ? 1 : 0 });
  }
  return answers;
}

/** Waits until the log holds every answer (the server flushes every 200 ms). */
async function flushed(answers: readonly Answer[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ids = await loggedIds();
    if (answers.every((a) => ids.has(a.id))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the prediction log never held the answered rows');
}

/** Records the outcomes of logged predictions (one append); the store refuses the rest as unknown. */
async function record(answers: readonly Answer[]): Promise<number> {
  const result = await outcomeStore().record(
    answers.map(({ id, y }) => ({ outcome: { predictionId: id, matchSuccess: y, observedAt: null } })),
    async (ids) => {
      const logged = await loggedIds();
      return new Set(ids.filter((id) => logged.has(id)));
    },
    'test',
  );
  return result.unknown.length;
}

/** Rows per arm and outcomes joined per arm, as the files hold them for an experiment. */
async function truth(experimentId: string) {
  const stored = await outcomeStore().all();
  const rows: Record<string, number> = {};
  const joined: Record<string, number> = {};
  for await (const e of readPredictionLog(new FilePredictionLogStore(logDir()))) {
    if (e.experiment?.id !== experimentId) continue;
    rows[e.arm] = (rows[e.arm] ?? 0) + 1;
    if (stored.has(e.id)) joined[e.arm] = (joined[e.arm] ?? 0) + 1;
  }
  return { rows, joined };
}

function countsEqualFiles(s: ExperimentStatus, t: Awaited<ReturnType<typeof truth>>): boolean {
  const r = s.report;
  return (
    r !== null &&
    r.predictions.canaryCandidate === (t.rows.canary_candidate ?? 0) &&
    r.predictions.canaryProduction === (t.rows.canary_production ?? 0) &&
    r.predictions.shadow === 0 &&
    r.arms.candidate.outcomes === (t.joined.canary_candidate ?? 0) &&
    r.arms.production.outcomes === (t.joined.canary_production ?? 0)
  );
}

async function status(handle: WorkflowHandle): Promise<ExperimentStatus | undefined> {
  return handle.query(experimentStatusQuery).catch(() => undefined);
}

/** Polls until the experiment's counts equal the files' (a batch read everything sent so far). */
async function countsMatch(handle: WorkflowHandle): Promise<ExperimentStatus> {
  const deadline = Date.now() + 180_000;
  let last: ExperimentStatus | undefined;
  while (Date.now() < deadline) {
    last = await status(handle);
    if (last && countsEqualFiles(last, await truth(handle.workflowId))) return last;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`counts never equalled the files: ${JSON.stringify(last?.report?.predictions)}`);
}

async function startExperiment(workflowId: string) {
  const input: ExperimentInput = {
    candidate,
    policy: 'canary',
    canaryShare: 0.5,
    batchInterval: '1s',
    maxDuration: '10 minutes',
    onBetter: 'report',
    requestedBy: 'test',
    batchesPerRun: 5,
    // Far apart arms: one look past the burn-in decides, so the burn-in sets when.
    settings: {
      minSamples: 100,
      mixingSd: { success_rate: 0.3 },
      guardrails: { windowRows: 20, latencySlackMs: 5_000, maxScoreDrift: 1 },
    },
  };
  const handle = await client.workflow.start<typeof experimentWorkflow>('experimentWorkflow', {
    taskQueue,
    workflowId,
    args: [input],
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    const e = (await readRoutingTable(fixture.project.paths.modelsDir)).table?.experiment;
    if (e?.id === workflowId && e.stage === 'canary') break;
    if (Date.now() > deadline) throw new Error('the experiment never published its canary');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await new Promise((resolve) => setTimeout(resolve, 600)); // the server's poll of the table
  return handle;
}

/**
 * Runs one experiment through four stretches of traffic: 20, 20, 20 requests
 * (120 rows: at most ~85 in the larger arm, below the burn-in of 100 outcomes
 * per arm), then 160 that take both arms past it even if the sticky hash
 * splits the 60 clients 30/70; `faults` run between the stretches.
 */
async function experiment(
  workflowId: string,
  faults: { afterSecond?: () => Promise<void>; duringThird?: () => Promise<void> } = {},
): Promise<{ result: ExperimentResult; final: ExperimentStatus; refused: number }> {
  const rng = createRng(16);
  const handle = await startExperiment(workflowId);
  let refused = 0;
  const first = await send(0, 20, rng);
  await flushed(first);
  refused += await record(first);
  await countsMatch(handle);

  const second = await send(20, 40, rng);
  if (faults.afterSecond) await faults.afterSecond();
  else await flushed(second);
  refused += await record(second);
  await countsMatch(handle);

  const third = await send(40, 60, rng);
  await flushed(third);
  refused += await record(third);
  if (faults.duringThird) await faults.duringThird();
  const beforeDecision = await countsMatch(handle);
  expect(beforeDecision.stage).toBe('canary'); // still below the burn-in: no decision yet

  const fourth = await send(60, 220, rng);
  await flushed(fourth);
  refused += await record(fourth);
  const result = await handle.result();
  const final = (await status(handle))!;
  expect(countsEqualFiles(final, await truth(workflowId))).toBe(true);
  return { result, final, refused };
}

it('a SIGKILLed serving process and a SIGKILLed Temporal server change no count and not the decision', async () => {
  const baseline = await experiment(`experiment-baseline-${randomUUID()}`);
  expect(baseline.refused).toBe(0);
  expect(baseline.result.outcome).toBe('candidate_better');

  let lost = 0;
  const faulted = await experiment(`experiment-faults-${randomUUID()}`, {
    // Right after the second stretch, before the server's next flush: rows it answered may never reach the log.
    afterSecond: async () => {
      await killHard(serve!.child);
      serve = await startServeProcess(root(), port, SERVE_ARGS);
    },
    // The Temporal server dies with the experiment mid-batch and comes back on the same file and port.
    duringThird: async () => {
      expect(await temporal.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
      await new Promise((resolve) => setTimeout(resolve, 2_000)); // batches come due while it is down
      await temporal.start();
    },
  });
  lost = faulted.refused;
  expect(faulted.result.outcome).toBe(baseline.result.outcome);
  expect(faulted.result.report!.armTest.verdict).toBe('candidate_better');
  expect(faulted.final.run).toBeGreaterThan(1); // continued as new, sums carried
  // Every outcome the store accepted for this experiment was counted once.
  const t = await truth(faulted.final.experimentId);
  expect(
    faulted.result.report!.arms.candidate.outcomes + faulted.result.report!.arms.production.outcomes,
  ).toBe((t.joined.canary_candidate ?? 0) + (t.joined.canary_production ?? 0));
  expect(await fixture.registry.productionVersion()).toBe(production); // a report-only experiment promotes nothing
  console.log(`experiment-faults: ${lost} outcomes refused for rows the killed server never logged`);
});
