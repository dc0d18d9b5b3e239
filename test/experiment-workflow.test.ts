/**
 * The experiment workflow end to end, on a real Temporal dev server, a real
 * serving process and real trained versions, with simulated clients and
 * outcomes: shadow → canary → the sequential test's decision → approval →
 * promotion, with the worker killed (SIGKILL) mid-canary while traffic and
 * outcomes keep arriving — the counts afterwards equal what the prediction
 * log and the outcome store hold, nothing lost or counted twice — then a
 * guardrail breach that rolls the candidate back to 0 % by itself.
 */
import type { ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { createRng } from '../src/data/random';
import { readRoutingTable } from '../src/experiments/routing-table';
import { resolveServingConfig } from '../src/serving/config';
import { startServer, type RunningServer } from '../src/serving/server';
import type { experimentWorkflow } from '../workflows';
import {
  experimentControlUpdate,
  experimentStatusQuery,
  type ExperimentInput,
  type ExperimentStatus,
} from '../workflows/experiment-messages';
import { approvalUpdate } from '../workflows/retrain-messages';
import { checkReportInChromium } from './helpers/chromium';
import { killHard, startChildWorker } from './helpers/child-worker';
import { experimentTraffic, waitForExperiment, type ExperimentTraffic } from './helpers/experiment-traffic';
import { createServingFixture, type ServingFixture } from './helpers/serving-fixture';
import { startDevServer } from './helpers/temporal-servers';

jest.setTimeout(600_000);

let fixture: ServingFixture;
let env: TestWorkflowEnvironment;
let server: RunningServer;
let logDir: string;
let worker: ChildProcess | undefined;
const taskQueue = `experiment-${process.pid}`;
let sim: ExperimentTraffic;

beforeAll(async () => {
  [fixture, env] = await Promise.all([createServingFixture(3, 600), startDevServer()]);
  const config = resolveServingConfig(fixture.project.paths, { port: 0, pollIntervalMs: 200 }, {});
  logDir = config.predictionLogDir;
  server = await startServer(config, pino({ level: 'silent' }));
  sim = experimentTraffic(fixture, server, logDir, createRng(16));
  worker = await startWorker();
}, 300_000);

afterAll(async () => {
  if (worker) await killHard(worker);
  await server?.close();
  await env?.teardown();
  await fixture?.project.remove();
});

function startWorker(): Promise<ChildProcess> {
  return startChildWorker({ address: env.address, projectRoot: fixture.project.paths.root, taskQueue });
}

async function status(handle: WorkflowHandle): Promise<ExperimentStatus> {
  return handle.query(experimentStatusQuery);
}

/** The report's counts equal the files' (after a batch that read everything). */
async function countsMatch(handle: WorkflowHandle, experimentId: string): Promise<ExperimentStatus> {
  return waitForExperiment(
    handle,
    async (s) => {
      const t = await sim.truth(experimentId);
      const r = s.report;
      return (
        r !== null &&
        r.predictions.shadow === t.rows.shadow &&
        r.predictions.canaryCandidate === t.rows.canary_candidate &&
        r.predictions.canaryProduction === t.rows.canary_production &&
        r.arms.candidate.outcomes === t.joined.canary_candidate &&
        r.arms.production.outcomes === t.joined.canary_production &&
        r.pairedLogLoss.observations === t.joined.all
      );
    },
    'report counts equal to the prediction log and outcome store',
  );
}

it('shadow → canary → decision with a worker killed mid-canary: nothing lost or counted twice; approval promotes', async () => {
  const [production, candidate] = fixture.versions as [string, string];
  const workflowId = `experiment-e2e-${process.pid}`;
  const input: ExperimentInput = {
    candidate,
    policy: 'shadow_then_canary',
    canaryShare: 0.5,
    batchInterval: '1s',
    shadowDuration: '4s',
    maxDuration: '10 minutes',
    requestedBy: 'test',
    batchesPerRun: 5,
    // The candidate's outcomes are made far better, so a decision needs only a burn-in's worth.
    settings: {
      minSamples: 60,
      mixingSd: { success_rate: 0.3 },
      guardrails: { windowRows: 20, latencySlackMs: 5_000, maxScoreDrift: 1 },
    },
  };
  await env.client.workflow.start<typeof experimentWorkflow>('experimentWorkflow', {
    taskQueue,
    workflowId,
    args: [input],
  });
  const handle = env.client.workflow.getHandle(workflowId);

  // Shadow: production answers everything, the candidate scores alongside.
  await waitForExperiment(handle, (s) => s.stage === 'shadow', 'shadow stage');
  await waitForExperiment(
    handle,
    async () =>
      (await readRoutingTable(fixture.project.paths.modelsDir)).table?.experiment?.stage === 'shadow',
    'table',
  );
  await new Promise((resolve) => setTimeout(resolve, 400)); // the server's poll
  await sim.traffic(10, false, candidate);
  const canary = await waitForExperiment(handle, (s) => s.stage === 'canary', 'canary stage');
  expect(canary.report!.predictions.shadow).toBeGreaterThan(0);

  // A person changes the share through the update (validated), and a bad value is refused.
  const refused = await handle
    .executeUpdate(experimentControlUpdate, { args: [{ action: 'set_share', share: 0.9, by: 'ana' }] })
    .then(
      () => undefined,
      (error: Error) => error,
    );
  expect((refused?.cause as Error | undefined)?.message).toMatch(/share.*0\.5/);
  const record = await handle.executeUpdate(experimentControlUpdate, {
    args: [{ action: 'set_share', share: 0.5, by: 'ana', reason: 'keep it even' }],
  });
  expect(record).toMatchObject({ action: 'set_share', share: 0.5, by: 'ana', via: 'update' });
  await new Promise((resolve) => setTimeout(resolve, 600)); // table republished, server polled

  // Canary, part 1: traffic and outcomes, counted.
  await sim.traffic(20, true, candidate);
  await countsMatch(handle, workflowId);

  // The worker dies (SIGKILL) while traffic and outcomes keep arriving; a new one takes over.
  await killHard(worker!);
  worker = undefined;
  await sim.traffic(20, true, candidate);
  worker = await startWorker();
  const afterKill = await countsMatch(handle, workflowId);
  expect(afterKill.stage).toBe('canary'); // below the burn-in: no decision yet
  // Continued as new (every batchesPerRun batches; how many have run by now depends on the
  // machine's load), and the sums carried across: the counts still equal the files'.
  await waitForExperiment(handle, (s) => s.run > 1, 'a continue-as-new');
  expect((await countsMatch(handle, workflowId)).stage).toBe('canary');

  // Canary, part 2: enough outcomes for the test to decide for the candidate.
  await sim.traffic(60, true, candidate);
  const awaiting = await waitForExperiment(handle, (s) => s.stage === 'awaiting_approval', 'approval gate');
  const report = awaiting.report!;
  expect(report.armTest.verdict).toBe('candidate_better');
  expect(report.armTest.pValue).toBeLessThanOrEqual(0.05);
  expect(report.armTest.lower!).toBeGreaterThan(0);
  expect(report.arms.candidate.successRate!).toBeGreaterThan(report.arms.production.successRate!);
  expect(awaiting.controls.map((c) => c.by)).toEqual(['ana']);
  expect((await readRoutingTable(fixture.project.paths.modelsDir)).table?.experiment?.stage).toBe('off');

  await handle.executeUpdate(approvalUpdate, { args: [{ answer: 'approve', approver: 'ana' }] });
  const result = (await handle.result()) as Awaited<ReturnType<typeof experimentWorkflow>>;
  expect(result.outcome).toBe('promoted');
  expect(await fixture.registry.productionVersion()).toBe(candidate);
  expect(result.production).toBe(production);

  // The per-batch timeline came through every continue-as-new whole: batch 1 to the last, a stride
  // apart (1 unless the experiment ran past the timeline's bound).
  const final = await status(handle);
  const batches = final.timeline!.points.map((p) => p.batch);
  expect(batches[0]).toBe(1);
  expect(batches.at(-1)).toBe(final.report!.batches);
  const gaps = batches.slice(1, -1).map((b, i) => b - batches[i]!);
  expect(new Set(gaps)).toEqual(new Set(gaps.length ? [final.timeline!.pointStride] : []));
  expect(final.timeline!.stages.map((s) => s.stage)).toEqual([
    'shadow',
    'canary',
    'awaiting_approval',
    'promoting',
    'completed',
  ]);
  // The report written at the end draws all of it: six charts, no error, no request.
  expect(result.reportPath).toBe(`reports/experiments/${workflowId}.html`);
  const reportFile = path.join(fixture.project.paths.root, result.reportPath!);
  expect(await fs.readFile(reportFile, 'utf8')).toContain('approve by ana');
  const check = await checkReportInChromium(reportFile);
  expect(check.consoleErrors).toEqual([]);
  expect(check.failedRequests).toEqual([]);
  expect(check.svgCount).toBe(6);
});

it('a guardrail breach rolls the candidate back to 0 % by itself', async () => {
  // A version no server has loaded yet, whose weights rot after the experiment checked them.
  const candidate = fixture.versions[2]!;
  const workflowId = `experiment-guardrail-${process.pid}`;
  await env.client.workflow.start<typeof experimentWorkflow>('experimentWorkflow', {
    taskQueue,
    workflowId,
    args: [
      {
        candidate,
        policy: 'canary',
        canaryShare: 0.5,
        batchInterval: '1s',
        maxDuration: '3 minutes', // ends the test "inconclusive" rather than hanging if nothing breaches
        requestedBy: 'test',
        settings: { guardrails: { windowRows: 10, latencySlackMs: 5_000 } },
      },
    ],
  });
  const handle = env.client.workflow.getHandle(workflowId);
  await waitForExperiment(handle, (s) => s.stage === 'canary', 'canary stage');
  const weights = path.join(fixture.registry.layout.versionDir(candidate), 'weights.bin');
  const damaged = Buffer.from(await fs.readFile(weights));
  damaged[damaged.length - 1] = damaged[damaged.length - 1]! ^ 0xff;
  await fs.chmod(weights, 0o644);
  await fs.writeFile(weights, damaged);
  await new Promise((resolve) => setTimeout(resolve, 400)); // the server's poll
  await sim.traffic(12, false, candidate); // every request still answered (by production)
  const result = (await handle.result()) as Awaited<ReturnType<typeof experimentWorkflow>>;
  expect(result.outcome).toBe('rolled_back');
  expect(result.reason).toMatch(/failed \d+ of \d+ requests/);
  const final = await status(handle);
  expect(final.breach!.breaches.map((b) => b.guardrail)).toContain('error_rate');
  // Rolled back in the batch whose window broke the limit: the breach is the report's last window.
  expect(final.report!.guardrails).toEqual(final.breach);
  const table = (await readRoutingTable(fixture.project.paths.modelsDir)).table;
  expect(table?.experiment).toMatchObject({ id: workflowId, stage: 'off', canaryShare: 0 });
  await new Promise((resolve) => setTimeout(resolve, 400));
  const production = await fixture.registry.productionVersion();
  for (let i = 0; i < 5; i++) {
    const response = await fetch(`${server.url}/v1/match/rank`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sim.rankBody(i, `client-${i}`)),
    });
    expect(((await response.json()) as { model_version: string }).model_version).toBe(production);
  }
});
