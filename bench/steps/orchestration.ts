/**
 * Step: orchestration overhead. Starts `temporal server start-dev` (the binary
 * `findTemporalBinary` finds), an in-process worker on a throw-away project
 * folder, and runs the retrain workflow end to end `retrains` times on the
 * given dataset with default training parameters, approving each candidate
 * through the `approval` update as soon as it waits. From each history:
 * workflow wall time − time inside activities − time waiting for the approval
 * = the overhead Temporal adds. The promotion policy asks for no improvement
 * (`minImprovement: 0`), so the 2nd and later retrains — same data, same seed,
 * hence an identical candidate — also go through approval and promotion.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, bundleWorkflowCode } from '@temporalio/worker';
import pino from 'pino';
import { resolveProjectPaths } from '../../src/config/paths';
import { findTemporalBinary } from '../../temporal/binaries';
import { devServerSearchAttributeFlags } from '../../temporal/search-attributes';
import { createPipelineWorker } from '../../worker';
import type { retrainWorkflow } from '../../workflows';
import { approvalUpdate, statusQuery } from '../../workflows/retrain-messages';
import { runStep } from '../lib/step-io';
import { workflowTimings, type WorkflowTimings } from '../lib/workflow-history';

/** Arguments of the step. */
export interface OrchestrationArgs {
  readonly dataset: string;
  readonly retrains: number;
}

/** One retrain's outcome and time split. */
export interface RetrainTiming extends WorkflowTimings {
  readonly outcome: string;
  /** Start request → result, on the client. */
  readonly clientMs: number;
}

/** What the step prints. */
export interface OrchestrationResult {
  readonly rows: number;
  readonly serverStartMs: number;
  readonly bundleMs: number;
  readonly retrains: readonly RetrainTiming[];
}

const ROOT = path.resolve(__dirname, '../..');
const quiet = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (m: string) => console.error(m),
};

runStep<OrchestrationArgs, OrchestrationResult>(async ({ dataset, retrains }) => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-orchestration-'));
  const paths = resolveProjectPaths({ MLOPS_HOME: root });
  await fs.mkdir(paths.dataDir, { recursive: true });
  await fs.copyFile(dataset, path.join(paths.dataDir, 'bench.csv'));
  const rows = (await fs.readFile(dataset, 'utf8')).trimEnd().split('\n').length - 1;
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
    });
    const timings = await worker.runUntil(async () => {
      const out: RetrainTiming[] = [];
      for (let i = 0; i < retrains; i++) out.push(await oneRetrain(env, taskQueue));
      return out;
    });
    return { rows, serverStartMs, bundleMs, retrains: timings };
  } finally {
    await env.teardown();
    await fs.rm(root, { recursive: true, force: true });
  }
});

async function oneRetrain(env: TestWorkflowEnvironment, taskQueue: string): Promise<RetrainTiming> {
  const startedAt = performance.now();
  const handle = await env.client.workflow.start<typeof retrainWorkflow>('retrainWorkflow', {
    taskQueue,
    workflowId: `bench-retrain-${randomUUID()}`,
    args: [
      {
        datasetPath: 'data/bench.csv',
        requestedBy: 'bench',
        promotionPolicy: { minImprovement: 0, floors: {}, guardrails: {} },
      },
    ],
  });
  let approvalSentAt: number | undefined;
  for (;;) {
    const status = await handle.query(statusQuery).catch(() => undefined);
    if (status?.stage === 'awaiting_approval') {
      approvalSentAt = Date.now();
      await handle.executeUpdate(approvalUpdate, { args: [{ answer: 'approve', approver: 'bench' }] });
      break;
    }
    if (status?.stage === 'completed') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const result = await handle.result();
  const clientMs = performance.now() - startedAt;
  const history = await handle.fetchHistory();
  return { outcome: result.outcome, clientMs, ...workflowTimings(history.events ?? [], approvalSentAt) };
}
