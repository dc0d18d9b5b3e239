/**
 * The "done when", against a real Temporal dev server, a real MLflow
 * server and real training: a study of 30 trials on TWO training worker
 * processes (and an orchestration worker), one training worker and the
 * orchestration worker SIGKILLed mid-study; then extended once finished
 * (`tune extend`), mirrored to MLflow as parent and child runs, and its best
 * configuration retrained and approved (`tune retrain-best`). Small on purpose:
 * 900 rows, 2 epochs, networks of at most 2 × 8 units.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { recordParams } from '../activities/tracking';
import { extendStudy, runningTrialProgress } from '../client/tune-study';
import { RunStore } from '../src/tracking';
import { firstPrunedStep } from '../src/tuning/median-pruner';
import { loadSearchSpaceFile } from '../src/tuning/search-space-file';
import { prunerReference, visibleTrials } from '../src/tuning/study-schedule';
import { parseSamplerSettings } from '../src/tuning/study-settings';
import { suggestTrial } from '../src/tuning/suggest';
import { TrialState } from '../src/tuning/trial-record';
import type { retrainWorkflow, tuneWorkflow } from '../workflows';
import { mlflowSyncWorkflowId } from '../workflows/mlflow-sync';
import { approvalUpdate } from '../workflows/retrain-messages';
import {
  addTrialsUpdate,
  enqueueTrialUpdate,
  tuneStatusQuery,
  type TrialStatus,
  type TuneResult,
  type TuneStatus,
} from '../workflows/tune-messages';
import { childByIdentity, killHard, startChildWorker, writeWorkflowBundle } from './helpers/child-worker';
import { runCli, type CliTarget } from './helpers/cli-runner';
import { activityRuns } from './helpers/history';
import { startMlflowServer, type MlflowServer } from './helpers/mlflow-server';
import { waitForStage } from './helpers/pipeline-harness';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';
import { startDevServer } from './helpers/temporal-servers';

const PendingActivityState = temporal.api.enums.v1.PendingActivityState;
const SPACE = `version: 1
parameters:
  modelFamily: { type: categorical, choices: [dnn, logreg] }
  learningRate: { type: float, low: 1.0e-2, high: 1.0e-1, log: true }
  layers: { type: int, low: 1, high: 2 }
  units: { type: int, low: 2, high: 8 }
  batchSize: 32
fixed: { epochs: 2, patience: 2, seed: 7 }
`;
const PARALLELISM = 2;
const SEED = 11;
const SAMPLER = { type: 'tpe', nStartupTrials: 4 };
const PRUNER_SETTINGS = { nStartupTrials: 3, nWarmupSteps: 0, intervalSteps: 1, nMinTrials: 1 };
/** The enqueued configuration: the baseline family, so the comparison always has one. */
const ENQUEUED = { modelFamily: 'logreg', learningRate: 0.05 };
const FIRST_TRIALS = 26; // + 1 added + 1 enqueued while running, + 2 by `tune extend` = 30
const EXTEND_BY = 2;

/** Why an update was refused (the validator's message is the failure's cause). */
async function refusal(update: Promise<unknown>): Promise<string> {
  try {
    await update;
  } catch (error) {
    return String((error as { cause?: Error }).cause?.message ?? (error as Error).message);
  }
  throw new Error('the update was accepted');
}

async function poll(handle: WorkflowHandle, until: (s: TuneStatus) => boolean, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  let last: TuneStatus | undefined;
  while (Date.now() < deadline) {
    last = await handle.query(tuneStatusQuery).catch(() => last);
    if (last && until(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`study did not get there; last status ${JSON.stringify(last)}`);
}

/** Plain REST search of MLflow runs by one tag (the assertion does not go through the code under test). */
async function mlflowRuns(server: MlflowServer, tag: string, value: string) {
  const post = async <T>(endpoint: string, body: object): Promise<T> => {
    const response = await fetch(`${server.url}/api/2.0/mlflow/${endpoint}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${endpoint}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const { experiments } = await post<{ experiments?: { experiment_id: string }[] }>('experiments/search', {
    max_results: 10,
  });
  const { runs } = await post<{
    runs?: { info: { run_id: string }; data: { tags?: { key: string; value: string }[] } }[];
  }>('runs/search', {
    experiment_ids: (experiments ?? []).map((e) => e.experiment_id),
    filter: `tags.\`${tag}\` = '${value}'`,
    max_results: 1000,
  });
  return (runs ?? []).map((r) => ({
    runId: r.info.run_id,
    tags: Object.fromEntries((r.data.tags ?? []).map((t) => [t.key, t.value])),
  }));
}

describe('tune: the done-when study (30 trials, two training workers, a SIGKILL, extend, MLflow, retrain-best)', () => {
  let env: TestWorkflowEnvironment;
  let fixture: ProjectFixture;
  let mlflow: MlflowServer;
  let bundlePath: string;
  const children: ChildProcess[] = [];
  const taskQueue = `tune-${randomUUID()}`;
  const trainingQueue = `tune-training-${randomUUID()}`;
  const workflowId = `study-${randomUUID()}`;
  let dataset: string;
  let cli: CliTarget;
  let extended: TuneResult;
  let enqueuedAs: number;

  const startWorker = async (role: 'orchestration' | 'training') => {
    const child = await startChildWorker({
      address: env.address,
      projectRoot: fixture.paths.root,
      taskQueue: role === 'training' ? trainingQueue : taskQueue,
      role,
      trainingTaskQueue: trainingQueue, // where the retrain of `retrain-best` trains
      mlflowTrackingUri: mlflow.url,
      workflowBundlePath: bundlePath,
    });
    children.push(child);
    return child;
  };

  beforeAll(async () => {
    [env, fixture, mlflow, bundlePath] = await Promise.all([
      startDevServer(),
      createProjectFixture(),
      startMlflowServer(),
      writeWorkflowBundle(),
    ]);
    cli = { temporalAddress: env.address, projectRoot: fixture.paths.root, taskQueue };
    dataset = await fixture.writeDataset('tune.csv', { rows: 900, seed: 5 });
    await fs.mkdir(path.join(fixture.paths.root, 'tuning'), { recursive: true });
    await fs.writeFile(path.join(fixture.paths.root, 'tuning', 'small.yaml'), SPACE);
  }, 300_000);
  afterAll(async () => {
    for (const child of children) await killHard(child);
    await env?.teardown();
    await mlflow?.stop();
    await fixture?.remove();
    if (bundlePath) await fs.rm(path.dirname(bundlePath), { recursive: true, force: true });
  });

  it('loses and repeats no trial when a training worker and the orchestration worker are SIGKILLed', async () => {
    const [orchestration, trainingA, trainingB] = await Promise.all([
      startWorker('orchestration'),
      startWorker('training'),
      startWorker('training'),
    ]);
    const handle = await env.client.workflow.start<typeof tuneWorkflow>('tuneWorkflow', {
      taskQueue,
      workflowId,
      args: [
        {
          datasetPath: dataset,
          searchSpacePath: 'tuning/small.yaml',
          trials: FIRST_TRIALS,
          parallelism: PARALLELISM,
          seed: SEED,
          sampler: SAMPLER,
          pruner: { type: 'median', ...PRUNER_SETTINGS },
          ensembleTopK: 3,
          trainingTaskQueue: trainingQueue,
          trainingHeartbeatTimeout: '20 seconds', // loading before the first epoch can take over 5 s on a busy 2-core machine
          continueAsNewAfterEvents: 150,
        },
      ],
    });

    // Updates are validated before anything is written to history; good ones are accepted.
    await poll(handle, (s) => s.stage === 'running');
    expect(await refusal(handle.executeUpdate(addTrialsUpdate, { args: [{ count: 0 }] }))).toMatch(
      /positive integer/,
    );
    expect(
      await refusal(handle.executeUpdate(enqueueTrialUpdate, { args: [{ params: { learningRate: 5 } }] })),
    ).toMatch(/params.learningRate.*outside the search space/);
    expect(await handle.executeUpdate(addTrialsUpdate, { args: [{ count: 1 }] })).toBe(FIRST_TRIALS + 1);
    const started = (s: TuneStatus) => s.finished + s.running.length;
    const beforeEnqueue = started(await handle.query(tuneStatusQuery));
    enqueuedAs = await handle.executeUpdate(enqueueTrialUpdate, { args: [{ params: ENQUEUED }] });
    // It runs as the next trial to start (the reply names it; the result below shows it ran so).
    expect(enqueuedAs).toBeGreaterThanOrEqual(beforeEnqueue);
    expect(enqueuedAs).toBeLessThanOrEqual(started(await handle.query(tuneStatusQuery)));
    // A running study is not extended: that is what addTrials is for.
    await expect(extendStudy(env.client, workflowId, 1, 'test')).rejects.toThrow(/still running.*tune add/);

    // Once both training workers have run trials, SIGKILL the one running a trial right now
    // (from the trial's pending activity) and the orchestration worker; restart the latter only.
    await poll(handle, (s) => s.finished >= 8 && s.running.length > 0);
    // The status shows running trials' epochs (`tune status`, asked of each trial's workflow).
    let progress: TrialStatus[] = [];
    for (let i = 0; i < 3000 && !progress.some((p) => p.epoch >= 1); i++) {
      progress = await runningTrialProgress(env.client, await handle.query(tuneStatusQuery));
      if (!progress.some((p) => p.epoch >= 1)) await new Promise((r) => setTimeout(r, 50));
    }
    const inProgress = progress.find((p) => p.epoch >= 1)!;
    expect(inProgress).toMatchObject({ maxEpochs: 2 });
    expect(inProgress.intermediate).toHaveLength(inProgress.epoch);
    // Trials that finished before this query trained before the kill (the ones finishing during
    // the search below are merely not checked for it).
    const atKill = await handle.query(tuneStatusQuery);
    // The victim: a trial whose training has started and not yet heartbeated (loading or in its
    // first epoch), so it is certainly still training when the SIGKILL lands a moment later.
    let victim: { trial: number; worker: ChildProcess } | undefined;
    for (let i = 0; i < 1200 && !victim; i++) {
      const { running } = await handle.query(tuneStatusQuery);
      for (const r of running) {
        // The status lists a trial as soon as the study decides to start it; its child workflow
        // exists a moment later, once the server has processed the start command.
        const d = await env.client.workflow
          .getHandle(`${workflowId}-trial-${r.number}`)
          .describe()
          .catch((error: unknown) => {
            if (error instanceof WorkflowNotFoundError) return undefined;
            throw error;
          });
        const pending = d?.raw.pendingActivities?.find((a) => a.activityType?.name === 'trainTrial');
        const worker = pending?.lastWorkerIdentity
          ? childByIdentity([trainingA, trainingB], pending.lastWorkerIdentity)
          : undefined;
        const isStarted = pending?.state === PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;
        if (isStarted && worker && !pending?.heartbeatDetails?.payloads?.length)
          victim = { trial: r.number, worker };
        if (victim) break;
      }
      if (!victim) await new Promise((r) => setTimeout(r, 50));
    }
    expect(victim).toBeDefined();
    const { trial: killedTrial, worker: killedWorker } = victim!;
    await Promise.all([killHard(killedWorker), killHard(orchestration)]);
    const survivor = killedWorker === trainingA ? trainingB : trainingA;
    const runningAtKill = new Set(atKill.running.map((r) => r.number));
    const finishedAtKill = Array.from({ length: atKill.finished + runningAtKill.size }, (_, n) => n).filter(
      (n) => !runningAtKill.has(n),
    );
    await startWorker('orchestration');

    const result = await handle.result();
    const numbers = Array.from({ length: FIRST_TRIALS + 2 }, (_, n) => n);
    expect(result.trials.map((t) => t.number)).toEqual(numbers);
    expect(result.carried.runs).toBeGreaterThan(1); // continued as new on the way
    expect(result.trials.filter((t) => t.state === TrialState.Failed)).toEqual([]);
    expect(result.trials[enqueuedAs]!.params).toMatchObject(ENQUEUED);

    // One child workflow and one trainTrial per trial; the trials finished before the kill trained
    // once; the killed trial was retried on the surviving training worker; both workers trained.
    const identities = new Set<string>();
    for (const n of numbers) {
      const runs = (await activityRuns(env.client.workflow.getHandle(`${workflowId}-trial-${n}`))).filter(
        (r) => r.type === 'trainTrial',
      );
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ taskQueue: trainingQueue, completed: true });
      identities.add(runs[0]!.identity.split('@')[0]!);
      if (finishedAtKill.includes(n)) expect(runs[0]!.attempt).toBe(1);
      if (n === killedTrial) {
        expect(runs[0]!.attempt).toBeGreaterThan(1);
        expect(runs[0]!.identity.startsWith(`${survivor.pid}@`)).toBe(true);
      }
    }
    expect(identities).toEqual(new Set([String(trainingA.pid), String(trainingB.pid)]));
  }, 900_000);

  it('extends the finished study with `tune extend`: the new trials get an uninterrupted run’s suggestions', async () => {
    const out = await runCli(cli, 'tune', 'extend', workflowId, '--trials', String(EXTEND_BY));
    expect(out).toContain(`Extended ${workflowId} by ${EXTEND_BY} trials`);
    const handle = env.client.workflow.getHandle<typeof tuneWorkflow>(workflowId);
    extended = await handle.result();
    expect(extended.trials.map((t) => t.number)).toEqual(Array.from({ length: 30 }, (_, n) => n));
    expect(extended.carried.total).toBe(30);

    // Every suggestion and pruning decision equals an uninterrupted 30-trial study's with this seed.
    const space = await loadSearchSpaceFile(path.join(fixture.paths.root, 'tuning', 'small.yaml'));
    const sampler = parseSamplerSettings(SAMPLER);
    for (const trial of extended.trials) {
      const visible = visibleTrials(extended.trials, trial.number, PARALLELISM);
      expect(trial.params).toEqual(
        suggestTrial({
          space,
          sampler,
          seed: SEED,
          trialNumber: trial.number,
          trials: visible,
          ...(trial.number === enqueuedAs ? { fixed: ENQUEUED } : {}),
        }),
      );
      if (trial.state === TrialState.Pruned)
        expect(firstPrunedStep(trial.intermediate, prunerReference(visible), PRUNER_SETTINGS)).toBe(
          trial.intermediate.length,
        );
    }

    // The DNN against the baseline on the test split, in the result, the CLI and the report.
    expect(extended.comparison?.testRows).toBeGreaterThan(0);
    expect(extended.comparison?.dnnVsLogreg).toBeDefined();
    const report = await runCli(cli, 'tune', 'report', workflowId);
    expect(report).toMatch(/DNN vs baseline \(test split, \d+ rows\): /);
    const html = await fs.readFile(path.join(fixture.paths.root, extended.reportPath), 'utf8');
    expect(html).toContain('Optimisation history');
    const runs = await new RunStore(path.join(fixture.paths.trackingDir, 'runs')).list();
    const studyRecord = runs.find((r) => r.id === extended.studyRecordId);
    expect(studyRecord).toMatchObject({ kind: 'study', status: 'completed' });
    expect(studyRecord?.metrics.trials).toBe(30);
    expect(runs.filter((r) => r.kind === 'trial' && r.parentId === extended.studyRecordId)).toHaveLength(30);
  }, 600_000);

  it('mirrors the study and each trial to MLflow as parent and child runs', async () => {
    const records = (await new RunStore(path.join(fixture.paths.trackingDir, 'runs')).list()).filter(
      (r) => r.id === extended.studyRecordId || r.parentId === extended.studyRecordId,
    );
    for (const record of records)
      await env.client.workflow.getHandle(mlflowSyncWorkflowId(record.id)).result();
    const [study, ...more] = await mlflowRuns(mlflow, 'legalaid.run_record_id', extended.studyRecordId);
    expect(more).toEqual([]);
    const trials = await mlflowRuns(mlflow, 'legalaid.parent_record_id', extended.studyRecordId);
    expect(trials).toHaveLength(30);
    for (const trial of trials)
      expect(trial.tags).toMatchObject({ 'mlflow.parentRunId': study!.runId, 'legalaid.kind': 'trial' });
  }, 300_000);

  it('retrains the best configuration with `tune retrain-best`, through approval to promotion', async () => {
    const out = await runCli(cli, 'tune', 'retrain-best', workflowId, '--dataset', dataset);
    const retrainId = /Started (\S+) with trial #(\d+)/.exec(out);
    expect(retrainId).not.toBeNull();
    expect(Number(retrainId![2])).toBe(extended.best!.number);
    const handle = env.client.workflow.getHandle<typeof retrainWorkflow>(retrainId![1]!);
    await waitForStage(handle, 'awaiting_approval', 300_000);
    await handle.executeUpdate(approvalUpdate, { args: [{ answer: 'approve', approver: 'ana' }] });
    expect((await handle.result()).outcome).toBe('promoted');
    const [record] = await new RunStore(path.join(fixture.paths.trackingDir, 'runs')).list({
      kind: 'retrain',
    });
    expect(record!.params).toMatchObject(recordParams({ ...extended.best!.trainingParams }));
  }, 600_000);
});
