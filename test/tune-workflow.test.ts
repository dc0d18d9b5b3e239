/**
 * The study workflow against a real Temporal dev server and real training in a
 * worker process that the test kills with SIGKILL mid-study: the study
 * finishes on a new worker with every trial exactly once, no finished trial
 * trained again, and the suggestions an uninterrupted run with the same seed
 * makes. Small on purpose: 6 trials of 3 epochs on 900 rows.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { RunStore } from '../src/tracking';
import { firstPrunedStep } from '../src/tuning/median-pruner';
import { loadSearchSpaceFile } from '../src/tuning/search-space-file';
import { prunerReference, visibleTrials } from '../src/tuning/study-schedule';
import { parseSamplerSettings } from '../src/tuning/study-settings';
import { suggestTrial } from '../src/tuning/suggest';
import { TrialState } from '../src/tuning/trial-record';
import type { tuneWorkflow } from '../workflows';
import {
  addTrialsUpdate,
  enqueueTrialUpdate,
  tuneStatusQuery,
  type TuneStatus,
} from '../workflows/tune-messages';
import { killHard, startChildWorker } from './helpers/child-worker';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';
import { startDevServer } from './helpers/temporal-servers';

const EventType = temporal.api.enums.v1.EventType;
const SPACE = `version: 1
parameters:
  modelFamily: { type: categorical, choices: [dnn, logreg] }
  learningRate: { type: float, low: 1.0e-3, high: 3.0e-2, log: true }
  layers: { type: int, low: 1, high: 2 }
  units: { type: int, low: 4, high: 16 }
  batchSize: 128
fixed: { epochs: 3, patience: 3, seed: 7 }
`;
const PARALLELISM = 2;
const SEED = 11;
const SAMPLER = { type: 'tpe', nStartupTrials: 3 };
const PRUNER = { type: 'median', nStartupTrials: 2 };

/** Why an update was refused (the validator's message is the failure's cause). */
async function refusal(update: Promise<unknown>): Promise<string> {
  try {
    await update;
  } catch (error) {
    return String((error as { cause?: Error }).cause?.message ?? (error as Error).message);
  }
  throw new Error('the update was accepted');
}

async function poll(handle: WorkflowHandle, until: (s: TuneStatus) => boolean, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  let last: TuneStatus | undefined;
  while (Date.now() < deadline) {
    last = await handle.query(tuneStatusQuery).catch(() => last);
    if (last && until(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`study did not get there; last status ${JSON.stringify(last)}`);
}

/** trainTrial activities in one trial's history: scheduled and completed counts. */
async function trainTrialEvents(env: TestWorkflowEnvironment, workflowId: string) {
  const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
  let scheduled = 0;
  let completed = 0;
  let attempts = 0;
  for (const e of history.events ?? []) {
    if (
      e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED &&
      e.activityTaskScheduledEventAttributes?.activityType?.name === 'trainTrial'
    )
      scheduled++;
    if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
      attempts = Math.max(attempts, e.activityTaskStartedEventAttributes?.attempt ?? 1);
    if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) completed++;
  }
  return { scheduled, completed, attempts };
}

describe('tune: a study of child workflows survives a killed worker', () => {
  let env: TestWorkflowEnvironment;
  let fixture: ProjectFixture;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    env = await startDevServer();
    fixture = await createProjectFixture();
  });
  afterAll(async () => {
    for (const child of children) await killHard(child);
    await env?.teardown();
    await fixture?.remove();
  });

  it('runs every trial once, resumes after SIGKILL, suggests as an uninterrupted run, reports', async () => {
    const taskQueue = `tune-${randomUUID()}`;
    const trainingQueue = `tune-training-${randomUUID()}`;
    const common = { address: env.address, projectRoot: fixture.paths.root };
    let orchestration = await startChildWorker({ ...common, taskQueue, role: 'orchestration' });
    children.push(orchestration);
    let training = await startChildWorker({ ...common, taskQueue: trainingQueue, role: 'training' });
    children.push(training);
    const dataset = await fixture.writeDataset('tune.csv', { rows: 900, seed: 5 });
    await fs.mkdir(path.join(fixture.paths.root, 'tuning'), { recursive: true });
    await fs.writeFile(path.join(fixture.paths.root, 'tuning', 'small.yaml'), SPACE);

    const workflowId = `study-${randomUUID()}`;
    const handle = await env.client.workflow.start<typeof tuneWorkflow>('tuneWorkflow', {
      taskQueue,
      workflowId,
      args: [
        {
          datasetPath: dataset,
          searchSpacePath: 'tuning/small.yaml',
          trials: 5,
          parallelism: PARALLELISM,
          seed: SEED,
          sampler: SAMPLER,
          pruner: PRUNER,
          ensembleTopK: 2,
          trainingTaskQueue: trainingQueue,
          trainingHeartbeatTimeout: '20 seconds', // an epoch, or loading before the first one, can take over 5 s on a busy 2-core machine
          continueAsNewAfterEvents: 40,
        },
      ],
    });

    // Updates are validated before anything is written to history.
    await poll(handle, (s) => s.stage === 'running');
    expect(await refusal(handle.executeUpdate(addTrialsUpdate, { args: [{ count: 0 }] }))).toMatch(
      /positive integer/,
    );
    expect(
      await refusal(handle.executeUpdate(enqueueTrialUpdate, { args: [{ params: { learningRate: 5 } }] })),
    ).toMatch(/params.learningRate.*outside the search space/);
    expect(await handle.executeUpdate(addTrialsUpdate, { args: [{ count: 1 }] })).toBe(6);

    // Kill both workers (SIGKILL) while a trial is mid-training (its checkpoint exists), after
    // some trials have finished; then start new ones.
    await poll(handle, (s) => s.finished >= 2 && s.running.length > 0);
    const studyDir = path.join(fixture.paths.workDir, 'studies', workflowId);
    let midTraining: number | undefined;
    for (let i = 0; i < 2400 && midTraining === undefined; i++) {
      const entries = await fs.readdir(studyDir).catch(() => [] as string[]);
      const match = entries.map((e) => /^trial-(\d+)\.checkpoint$/.exec(e)).find((m) => m);
      if (match) midTraining = Number(match[1]);
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(midTraining).toBeDefined();
    const atKill = await handle.query(tuneStatusQuery);
    await Promise.all([killHard(training), killHard(orchestration)]);
    const runningAtKill = new Set(atKill.running.map((r) => r.number));
    const finishedAtKill = Array.from(
      { length: atKill.finished + atKill.running.length },
      (_, n) => n,
    ).filter((n) => !runningAtKill.has(n));
    training = await startChildWorker({ ...common, taskQueue: trainingQueue, role: 'training' });
    orchestration = await startChildWorker({ ...common, taskQueue, role: 'orchestration' });
    children.push(training, orchestration);

    const result = await handle.result();
    expect(result.trials.map((t) => t.number)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(result.carried.runs).toBeGreaterThan(1); // continued as new on the way

    // Same suggestions and pruning decisions as an uninterrupted study with this seed.
    const space = await loadSearchSpaceFile(path.join(fixture.paths.root, 'tuning', 'small.yaml'));
    const sampler = parseSamplerSettings(SAMPLER);
    for (const trial of result.trials) {
      const visible = visibleTrials(result.trials, trial.number, PARALLELISM);
      expect(trial.params).toEqual(
        suggestTrial({ space, sampler, seed: SEED, trialNumber: trial.number, trials: visible }),
      );
      if (trial.state === TrialState.Pruned) {
        expect(
          firstPrunedStep(trial.intermediate, prunerReference(visible), {
            nStartupTrials: 2,
            nWarmupSteps: 0,
            intervalSteps: 1,
            nMinTrials: 1,
          }),
        ).toBe(trial.intermediate.length);
      }
    }
    expect(result.trials.filter((t) => t.state === TrialState.Failed)).toEqual([]);

    // No trial ran twice: one child workflow each, and the trials finished before the kill trained once.
    for (const trial of result.trials) {
      const events = await trainTrialEvents(env, `${workflowId}-trial-${trial.number}`);
      expect(events.scheduled).toBe(1);
      if (finishedAtKill.includes(trial.number)) expect(events.attempts).toBe(1);
    }
    const killed = await trainTrialEvents(env, `${workflowId}-trial-${midTraining}`);
    expect(killed.attempts).toBeGreaterThan(1); // retried on the new worker, from its checkpoint

    // Families compared on the test split; report and run records written.
    expect(result.best).toBeDefined();
    expect(result.comparison?.testRows).toBeGreaterThan(0);
    const html = await fs.readFile(path.join(fixture.paths.root, result.reportPath), 'utf8');
    expect(html).toContain('Optimisation history');
    const runs = await new RunStore(path.join(fixture.paths.trackingDir, 'runs')).list();
    const study = runs.find((r) => r.id === result.studyRecordId);
    expect(study).toMatchObject({ kind: 'study', status: 'completed' });
    const trialRecords = runs.filter((r) => r.kind === 'trial' && r.parentId === result.studyRecordId);
    expect(trialRecords).toHaveLength(6);
  }, 600_000);
});
