/**
 * A retrain with an experiment policy, end to end on a real Temporal dev
 * server, a real serving process and real tfjs training, with simulated
 * clients and outcomes: the qualifying candidate runs a child experiment
 * (shadow → canary → the sequential test's decision); a candidate the live
 * traffic finds worse ends the retrain without approval and production
 * untouched; one found better waits for approval with the experiment's
 * numbers in `status`, and the approval promotes it.
 */
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { createRng } from '../src/data/random';
import { readRoutingTable } from '../src/experiments/routing-table';
import { resolveServingConfig } from '../src/serving/config';
import { startServer, type RunningServer } from '../src/serving/server';
import { RunStore } from '../src/tracking';
import type { retrainWorkflow } from '../workflows';
import {
  approvalUpdate,
  statusQuery,
  type RetrainExperimentInput,
  type RetrainStatus,
} from '../workflows/retrain-messages';
import { runCli } from './helpers/cli-runner';
import { experimentTraffic, waitForExperiment, type ExperimentTraffic } from './helpers/experiment-traffic';
import { pipelineHarness, waitForStage, type PipelineHarness } from './helpers/pipeline-harness';
import { createServingFixture, type ServingFixture } from './helpers/serving-fixture';
import { startDevServer } from './helpers/temporal-servers';

jest.setTimeout(600_000);

let fixture: ServingFixture;
let env: TestWorkflowEnvironment;
let server: RunningServer;
let harness: PipelineHarness;
let sim: ExperimentTraffic;

beforeAll(async () => {
  // Production is one tiny step of training away from its random start: weak, so every candidate qualifies
  // offline and what decides is the live traffic.
  [fixture, env] = await Promise.all([
    createServingFixture(1, 1200, () => ({ epochs: 1, batchSize: 1024, learningRate: 0.0001 })),
    startDevServer(),
  ]);
  const config = resolveServingConfig(fixture.project.paths, { port: 0, pollIntervalMs: 200 }, {});
  server = await startServer(config, pino({ level: 'silent' }));
  sim = experimentTraffic(fixture, server, config.predictionLogDir, createRng(61));
  harness = pipelineHarness(env, fixture.project);
}, 300_000);

afterAll(async () => {
  await server?.close();
  await env?.teardown();
  await fixture?.project.remove();
});

/** Fast batches and a burn-in small enough for a few hundred outcomes to decide (the outcomes are lopsided). */
const EXPERIMENT: RetrainExperimentInput = {
  policy: 'shadow_then_canary',
  canaryShare: 0.5,
  batchInterval: '1s',
  shadowDuration: '4s',
  maxDuration: '10 minutes',
  batchesPerRun: 20,
  settings: {
    minSamples: 60,
    mixingSd: { success_rate: 0.3 },
    guardrails: { windowRows: 20, latencySlackMs: 5_000, maxScoreDrift: 1 },
  },
};

/**
 * Retrains on the fixture's dataset with the experiment: a few epochs more
 * than production's, under a rule that only asks the candidate not to be
 * worse offline (the experiment is what this test is about).
 */
function startRetrain(seed: number) {
  return harness.startRetrain({
    datasetPath: path.join('data', 'serving.csv'),
    trainingParams: { epochs: 6, batchSize: 128, patience: 3, seed },
    promotionPolicy: { minImprovement: 0, floors: {}, guardrails: {} },
    requestedBy: 'test',
    experiment: EXPERIMENT,
  });
}

/** Waits for the child experiment, sends shadow traffic (no outcomes), and waits for the canary. */
async function throughShadow(handle: WorkflowHandle<typeof retrainWorkflow>): Promise<WorkflowHandle> {
  const experimenting = await waitForStage(handle, 'experimenting', 240_000);
  expect(experimenting.verdict?.qualifies).toBe(true);
  expect(experimenting.experiment).toMatchObject({ policy: 'shadow_then_canary', state: 'running' });
  const child = env.client.workflow.getHandle(experimenting.experiment!.workflowId!);
  const routed = (stage: string) => async () =>
    (await readRoutingTable(fixture.project.paths.modelsDir)).table?.experiment?.stage === stage;
  await waitForExperiment(child, routed('shadow'), 'routing table: shadow');
  await new Promise((resolve) => setTimeout(resolve, 400)); // the server's poll
  await sim.traffic(10, false, experimenting.version!);
  await waitForExperiment(child, (s) => s.stage === 'canary', 'canary stage');
  await waitForExperiment(child, routed('canary'), 'routing table: canary');
  await new Promise((resolve) => setTimeout(resolve, 400));
  return child;
}

/** Sends canary traffic with outcomes favouring `better` until the retrain leaves the experiment. */
async function untilDecided(
  handle: WorkflowHandle<typeof retrainWorkflow>,
  better: string,
): Promise<RetrainStatus> {
  for (let round = 0; round < 20; round++) {
    await sim.traffic(30, true, better);
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // two batches
    const status = await handle.query(statusQuery);
    if (status.stage !== 'experimenting') return status;
  }
  throw new Error(`the experiment did not decide: ${JSON.stringify(await handle.query(statusQuery))}`);
}

it('a candidate the live traffic finds worse ends the retrain without approval; production untouched', async () => {
  const production = fixture.versions[0]!;
  await harness.withWorker(async () => {
    const handle = await startRetrain(7);
    await throughShadow(handle);
    const decided = await untilDecided(handle, production);
    const result = await handle.result();

    expect(result.outcome).toBe('failed_experiment');
    expect(result.reason).toMatch(/candidate_worse.*sequential test found the candidate worse in the canary/);
    expect(result.approval).toBeUndefined();
    expect(decided.experiment).toMatchObject({ state: 'decided', outcome: 'candidate_worse' });
    expect(decided.experiment!.report!.armTest.verdict).toBe('candidate_worse');
    expect(decided.experiment!.report!.armTest.upper!).toBeLessThan(0);
    // Production untouched: still the production version, answering alone.
    expect(await fixture.registry.productionVersion()).toBe(production);
    expect((await readRoutingTable(fixture.project.paths.modelsDir)).table?.experiment).toMatchObject({
      candidate: result.version,
      stage: 'off',
      canaryShare: 0,
    });
    await new Promise((resolve) => setTimeout(resolve, 400)); // the server's poll
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${server.url}/v1/match/rank`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sim.rankBody(i, `client-${i}`)),
      });
      expect(((await response.json()) as { model_version: string }).model_version).toBe(production);
    }
    // Recorded like any candidate that was not promoted: decision.json and the run record.
    expect(await fixture.registry.readOutcome(result.version)).toMatchObject({
      outcome: 'failed_experiment',
      reason: result.reason,
    });
    const runs = await new RunStore(path.join(fixture.project.paths.trackingDir, 'runs')).list();
    expect(runs.find((r) => r.modelVersion === result.version)).toMatchObject({
      status: 'completed',
      decision: 'failed_experiment',
    });
  });
});

it('a candidate the live traffic finds better waits for approval with the numbers in status; approval promotes', async () => {
  const before = await fixture.registry.productionVersion();
  await harness.withWorker(async () => {
    const handle = await startRetrain(8);
    const child = await throughShadow(handle);
    const candidate = (await handle.query(statusQuery)).version!;
    const awaiting = await untilDecided(handle, candidate);

    expect(awaiting.stage).toBe('awaiting_approval');
    const experiment = awaiting.experiment!;
    expect(experiment).toMatchObject({
      state: 'decided',
      outcome: 'candidate_better',
      workflowId: child.workflowId,
    });
    const report = experiment.report!;
    expect(report.predictions.shadow).toBeGreaterThan(0);
    expect(report.arms.candidate.outcomes).toBeGreaterThanOrEqual(60);
    expect(report.arms.production.outcomes).toBeGreaterThanOrEqual(60);
    expect(report.armTest.verdict).toBe('candidate_better');
    expect(report.armTest.pValue).toBeLessThanOrEqual(0.05);
    expect(report.armTest.lower!).toBeGreaterThan(0);
    expect(report.guardrails?.breaches).toEqual([]);
    // The experiment turned candidate traffic off before the gate opened.
    expect((await readRoutingTable(fixture.project.paths.modelsDir)).table?.experiment?.stage).toBe('off');

    // What a person sees: `status` prints the decision, per-arm counts, the confidence sequence and guardrails.
    const shown = await runCli(
      { temporalAddress: env.address, projectRoot: fixture.project.paths.root },
      'status',
      handle.workflowId,
    );
    expect(shown).toContain('stage      awaiting_approval');
    expect(shown).toContain(`experiment shadow then canary (${child.workflowId}): candidate_better`);
    expect(shown).toContain(`candidate : ${report.arms.candidate.predictions} answered in the canary`);
    expect(shown).toMatch(/confidence sequence \[\d/);
    expect(shown).toMatch(/Guardrails \(last window, \d+ requests\).* — ok/);

    await handle.executeUpdate(approvalUpdate, { args: [{ answer: 'approve', approver: 'ana' }] });
    const result = await handle.result();
    expect(result).toMatchObject({
      outcome: 'promoted',
      version: candidate,
      productionVersionBefore: before,
      productionVersionAfter: candidate,
    });
    expect(await fixture.registry.productionVersion()).toBe(candidate);
    expect((await child.describe()).status.name).toBe('COMPLETED');
  });
});
