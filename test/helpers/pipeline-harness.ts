import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import pino from 'pino';
import { createPipelineWorker } from '../../worker';
import type { retrainWorkflow } from '../../workflows';
import {
  statusQuery,
  type RetrainInput,
  type RetrainStage,
  type RetrainStatus,
} from '../../workflows/retrain-messages';
import type { ProjectFixture } from './project-fixture';

/** Small, quick training settings for tests: real tfjs training, a few epochs. */
export const QUICK_TRAINING = { epochs: 6, batchSize: 128, patience: 3 } as const;

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundles the workflows once per test file (webpack takes seconds). */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: quietBundlerLogger,
  });
  return bundle;
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => console.error(message),
};

/** A worker on its own task queue, pointed at a fixture project. */
export interface PipelineHarness {
  readonly taskQueue: string;
  /** Runs a worker until `fn` settles. */
  withWorker<T>(fn: () => Promise<T>): Promise<T>;
  /** Starts a retrain on this harness's task queue. */
  startRetrain(input: RetrainInput, workflowId?: string): Promise<WorkflowHandle<typeof retrainWorkflow>>;
}

/** Creates a harness for a test. */
export function pipelineHarness(
  env: TestWorkflowEnvironment,
  fixture: ProjectFixture,
  options: {
    alertWebhookUrl?: string;
    approvers?: string;
    mlflowTrackingUri?: string;
    servingMetricsUrl?: string;
    /** Serving processes the promotion and rollback activities notify (token: SERVING_ADMIN_KEY). */
    servingReloadUrls?: string;
  } = {},
): PipelineHarness {
  const taskQueue = `test-${randomUUID()}`;
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'warn' }, pino.destination(2));
  return {
    taskQueue,
    async withWorker(fn) {
      const worker = await createPipelineWorker({
        connection: env.nativeConnection,
        namespace: env.namespace ?? 'default',
        paths: fixture.paths,
        logger,
        taskQueue,
        workflowBundle: await workflowBundle(),
        ...(options.alertWebhookUrl ? { alertWebhookUrl: options.alertWebhookUrl } : {}),
        // Tests decide who may approve; the machine's APPROVERS must not leak in.
        approvers: options.approvers ?? '',
        // Nor the machine's MLflow server: test/mlflow.test.ts passes the one it starts.
        mlflowTrackingUri: options.mlflowTrackingUri ?? '',
        // Nor the machine's training queue: training runs on this harness's queue.
        trainingTaskQueue: '',
        // Nor the machine's serving metrics: only the monitoring test scrapes the server it starts.
        servingMetricsUrl: options.servingMetricsUrl ?? '',
        // Nor the machine's serving processes: only a test that starts one names it.
        servingReloadUrls: options.servingReloadUrls ?? '',
      });
      return worker.runUntil(fn);
    },
    startRetrain(input, workflowId = `retrain-test-${randomUUID()}`) {
      return env.client.workflow.start<typeof retrainWorkflow>('retrainWorkflow', {
        taskQueue,
        workflowId,
        args: [input],
      });
    },
  };
}

/** Polls the status query until the workflow reaches `stage` (or fails the test after `timeoutMs`). */
export async function waitForStage(
  handle: WorkflowHandle<typeof retrainWorkflow>,
  stage: RetrainStage,
  timeoutMs = 90_000,
): Promise<RetrainStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: RetrainStatus | undefined;
  while (Date.now() < deadline) {
    try {
      last = await handle.query(statusQuery);
      if (last.stage === stage) return last;
      if (last.stage === 'completed') break; // it will never get there
    } catch {
      // not started by a worker yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `workflow ${handle.workflowId} did not reach stage ${stage}; last status: ${JSON.stringify(last)}`,
  );
}
