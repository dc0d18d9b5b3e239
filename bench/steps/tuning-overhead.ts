/**
 * Step: the study workflow's orchestration overhead per trial. Starts
 * `temporal server start-dev` and an in-process worker (all roles) on a
 * throw-away project, runs one study of `trials` trials one at a time
 * (parallelism 1, no pruner; 900 generated rows, 2 epochs, a small network, so
 * training is short and the overhead shows), and splits its wall time from
 * the workflow histories (server clock):
 *
 * - trial k's slot: from trial k − 1's child workflow closing (trial 0: the
 *   study asking to start it) to trial k's closing;
 * - its overhead: the slot minus trial k's `trainTrial` activity
 *   (started → completed), i.e. everything a trial costs besides training:
 *   choosing the suggestion, starting the child, its run-record activities,
 *   the MLflow check, dispatch and the server's round trips.
 *
 * Σ overheads = the trials' part of the study's wall time − Σ training time.
 * The study's setup (snapshot, settings, record) and wrap-up (family
 * comparison, report) happen once per study and are reported apart.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tsToMs } from '@temporalio/common/lib/time';
import type { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, bundleWorkflowCode } from '@temporalio/worker';
import pino from 'pino';
import { resolveProjectPaths } from '../../src/config/paths';
import { generateMatchmakingRows, rowsToCsv } from '../../src/data';
import { findTemporalBinary } from '../../temporal/binaries';
import { devServerSearchAttributeFlags } from '../../temporal/search-attributes';
import { createPipelineWorker } from '../../worker';
import type { tuneWorkflow } from '../../workflows';
import { trialWorkflowId } from '../../workflows/tune-messages';
import { runStep } from '../lib/step-io';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** Arguments of the step. */
export interface TuningOverheadArgs {
  readonly trials: number;
}

/** One trial's time split. */
export interface TrialTiming {
  readonly slotMs: number;
  readonly trainMs: number;
  /** slotMs − trainMs. */
  readonly overheadMs: number;
  /** Of the overhead: time inside the trial's other activities (run records). */
  readonly otherActivityMs: number;
}

/** What the step prints. */
export interface TuningOverheadResult {
  readonly rows: number;
  readonly epochs: number;
  readonly serverStartMs: number;
  readonly bundleMs: number;
  /** Study started → closed (server clock). */
  readonly studyMs: number;
  /** Study started → trial 0 requested (snapshot, settings, run record). */
  readonly setupMs: number;
  /** Last trial closed → study closed (comparison, report, record). */
  readonly wrapUpMs: number;
  readonly trials: readonly TrialTiming[];
}

const SPACE = `version: 1
parameters:
  modelFamily: { type: categorical, choices: [dnn, logreg] }
  learningRate: { type: float, low: 1.0e-2, high: 1.0e-1, log: true }
  layers: { type: int, low: 1, high: 2 }
  units: { type: int, low: 2, high: 8 }
  batchSize: 32
fixed: { epochs: 2, patience: 2, seed: 7 }
`;
const ROWS = 900;
const ROOT = path.resolve(__dirname, '../..');
const quiet = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (m: string) => console.error(m),
};

const at = (event: HistoryEvent | undefined): number => {
  if (!event) throw new Error('tuning-overhead: an expected history event is missing');
  return tsToMs(event.eventTime);
};

/** The trainTrial time and the other activities' time in one trial's history. */
function trialActivities(events: readonly HistoryEvent[]): { trainMs: number; otherMs: number } {
  const scheduled = new Map<string, string>();
  const started = new Map<string, number>();
  let trainMs = 0;
  let otherMs = 0;
  for (const e of events) {
    const s = e.activityTaskScheduledEventAttributes;
    if (s) scheduled.set(String(e.eventId), s.activityType?.name ?? '?');
    const st = e.activityTaskStartedEventAttributes;
    if (st) started.set(String(st.scheduledEventId), at(e));
    const done = e.activityTaskCompletedEventAttributes;
    if (done) {
      const key = String(done.scheduledEventId);
      const ms = at(e) - (started.get(key) ?? at(e));
      if (scheduled.get(key) === 'trainTrial') trainMs += ms;
      else otherMs += ms;
    }
  }
  return { trainMs, otherMs };
}

runStep<TuningOverheadArgs, TuningOverheadResult>(async ({ trials }) => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-tuning-'));
  const paths = resolveProjectPaths({ MLOPS_HOME: root });
  await fs.mkdir(paths.dataDir, { recursive: true });
  await fs.writeFile(
    path.join(paths.dataDir, 'study.csv'),
    rowsToCsv(generateMatchmakingRows({ rows: ROWS, seed: 5 })),
  );
  await fs.mkdir(path.join(root, 'tuning'), { recursive: true });
  await fs.writeFile(path.join(root, 'tuning', 'bench.yaml'), SPACE);
  Runtime.install({ logger: new DefaultLogger('WARN') });

  const t0 = performance.now();
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: findTemporalBinary('temporal', ROOT) },
      extraArgs: ['--log-level', 'error', ...devServerSearchAttributeFlags()],
    },
  });
  const serverStartMs = performance.now() - t0;
  try {
    const t1 = performance.now();
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      logger: quiet,
    });
    const bundleMs = performance.now() - t1;
    const taskQueue = `bench-${randomUUID()}`;
    const worker = await createPipelineWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      paths,
      logger: pino({ level: 'warn' }, pino.destination(2)),
      taskQueue,
      workflowBundle,
      approvers: '',
      mlflowTrackingUri: '',
      trainingTaskQueue: '',
    });
    const workflowId = `bench-study-${randomUUID()}`;
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof tuneWorkflow>('tuneWorkflow', {
        taskQueue,
        workflowId,
        args: [
          {
            datasetPath: 'data/study.csv',
            searchSpacePath: 'tuning/bench.yaml',
            trials,
            parallelism: 1,
            seed: 1,
            pruner: { type: 'none' },
            // One run for the whole study, so its history holds every trial's start.
            continueAsNewAfterEvents: 100_000,
          },
        ],
      });
      await handle.result();
    });
    const study = (await env.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
    const closes: number[] = [];
    const timings: TrialTiming[] = [];
    for (let k = 0; k < trials; k++) {
      const events = (await env.client.workflow.getHandle(trialWorkflowId(workflowId, k)).fetchHistory())
        .events;
      const closed = at(events?.at(-1));
      const opened =
        k === 0
          ? at(study.find((e) => e.startChildWorkflowExecutionInitiatedEventAttributes))
          : closes[k - 1]!;
      const { trainMs, otherMs } = trialActivities(events ?? []);
      closes.push(closed);
      timings.push({
        slotMs: closed - opened,
        trainMs,
        overheadMs: closed - opened - trainMs,
        otherActivityMs: otherMs,
      });
    }
    const studyStart = at(study[0]);
    const studyClose = at(study.at(-1));
    return {
      rows: ROWS,
      epochs: 2,
      serverStartMs,
      bundleMs,
      studyMs: studyClose - studyStart,
      setupMs: at(study.find((e) => e.startChildWorkflowExecutionInitiatedEventAttributes)) - studyStart,
      wrapUpMs: studyClose - closes.at(-1)!,
      trials: timings,
    };
  } finally {
    await env.teardown();
    await fs.rm(root, { recursive: true, force: true });
  }
});
