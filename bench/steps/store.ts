/**
 * Step: the same retrain and the same drift check with the store on the local
 * folders (MLOPS_STORE unset) and on S3 (a local moto server), interleaved
 * (L S, S L, L S, …, after one warm-up pair that is not reported) so both modes see the same machine load. Each run is a
 * fresh project folder — and, on S3, a fresh bucket prefix — so every run is
 * "the first retrain of a project": the snapshot and the version are uploaded,
 * evaluation and the drift check pull what they read. On S3 a drift check on a
 * second, empty folder ("another machine") shows the cold-cache cost. Requests
 * are counted from moto's access log, by method and area of the bucket; the
 * per-activity split comes from each workflow's history.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, bundleWorkflowCode } from '@temporalio/worker';
import pino from 'pino';
import { resolveProjectPaths } from '../../src/config/paths';
import { createS3Client, type S3StoreConfig, type StoreConfig } from '../../src/storage';
import { findTemporalBinary } from '../../temporal/binaries';
import { devServerSearchAttributeFlags } from '../../temporal/search-attributes';
import { motoServerBinary } from '../../test/helpers/moto-server';
import { createPipelineWorker } from '../../worker';
import type { driftCheckWorkflow, retrainWorkflow } from '../../workflows';
import { approvalUpdate, statusQuery } from '../../workflows/retrain-messages';
import { freePort } from '../lib/free-port';
import { runStep } from '../lib/step-io';
import { workflowTimings } from '../lib/workflow-history';

/** Arguments of the step. */
export interface StoreArgs {
  readonly dataset: string;
  readonly repeats: number;
  readonly epochs: number;
}

/** One workflow run: wall time, time per activity type, S3 requests by "METHOD area". */
export interface StoreWorkflowRun {
  readonly workflowMs: number;
  readonly activityMs: Readonly<Record<string, number>>;
  readonly requests: Readonly<Record<string, number>>;
}

/** One interleaved run of one mode. */
export interface StoreRun {
  readonly mode: 'local' | 's3';
  readonly retrain: StoreWorkflowRun;
  readonly drift: StoreWorkflowRun;
  /** S3 only: the drift check on a machine with an empty folder. */
  readonly coldDrift?: StoreWorkflowRun;
  /** 1-minute load average before and after the run. */
  readonly load: readonly [number, number];
}

/** What the step prints. */
export interface StoreResult {
  readonly rows: number;
  readonly epochs: number;
  readonly runs: readonly StoreRun[];
}

const ROOT = path.resolve(__dirname, '../..');
const BUCKET = 'bench-store';
const quiet = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (m: string) => console.error(m),
};

/** moto_server on a free port; counts each request of its access log. */
async function startMoto(): Promise<{
  endpoint: string;
  take: () => Record<string, number>;
  stop: () => void;
}> {
  const port = await freePort();
  const child = spawn(motoServerBinary(), ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  let counts: Record<string, number> = {};
  let pending = '';
  const onData = (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    // werkzeug colours the request of a non-2xx answer (a 404 HEAD, a 412 conditional PUT).
    for (const line of lines.map((l) => stripVTControlCharacters(l))) {
      // werkzeug: 127.0.0.1 - - [date] "PUT /bucket/run-3/snapshots/files/md5/ab/cd HTTP/1.1" 200 -
      const match = /"([A-Z]+) \/[^/ ?]+\/(?:run-\d+\/)?([^/ ?]*)[^ ]* HTTP/.exec(line);
      if (match) {
        const name = `${match[1]} ${match[2] || '(bucket)'}`;
        counts[name] = (counts[name] ?? 0) + 1;
      }
    }
  };
  child.stderr.on('data', onData);
  child.stdout.on('data', onData);
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(endpoint).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error('moto_server did not start within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    endpoint,
    take: () => {
      const taken = counts;
      counts = {};
      return taken;
    },
    stop: () => child.kill('SIGTERM'),
  };
}

runStep<StoreArgs, StoreResult>(async ({ dataset, repeats, epochs }) => {
  const rows = (await fs.readFile(dataset, 'utf8')).trimEnd().split('\n').length - 1;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  // moto accepts any credentials; the SDK's chain reads these (this step's process only).
  process.env.AWS_ACCESS_KEY_ID = 'testing';
  process.env.AWS_SECRET_ACCESS_KEY = 'testing';
  const moto = await startMoto();
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: findTemporalBinary('temporal', ROOT) },
      extraArgs: ['--log-level', 'error', ...devServerSearchAttributeFlags()],
    },
  });
  const temp: string[] = [];
  try {
    const s3 = (prefix: string): S3StoreConfig => ({
      kind: 's3',
      bucket: BUCKET,
      prefix: `${prefix}/`,
      endpoint: moto.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
    });
    const client = createS3Client(s3('x'));
    await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    client.destroy();
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      logger: quiet,
    });

    const project = async (): Promise<string> => {
      const root = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-store-'));
      temp.push(root);
      const { dataDir } = resolveProjectPaths({ MLOPS_HOME: root });
      await fs.mkdir(dataDir, { recursive: true });
      await fs.copyFile(dataset, path.join(dataDir, 'bench.csv'));
      await fs.copyFile(dataset, path.join(dataDir, 'current_data.csv'));
      return root;
    };
    const withWorker = async <T>(
      root: string,
      store: StoreConfig,
      run: (taskQueue: string) => Promise<T>,
    ) => {
      const taskQueue = `bench-store-${randomUUID()}`;
      const worker = await createPipelineWorker({
        connection: env.nativeConnection,
        namespace: 'default',
        paths: resolveProjectPaths({ MLOPS_HOME: root }),
        logger: pino({ level: 'warn' }, pino.destination(2)),
        taskQueue,
        workflowBundle,
        approvers: '',
        store,
      });
      return worker.runUntil(run(taskQueue));
    };
    const timed = async (run: () => Promise<{ history: Parameters<typeof workflowTimings>[0] }>) => {
      moto.take();
      const { history } = await run();
      const timings = workflowTimings(history);
      const activityMs: Record<string, number> = {};
      for (const a of timings.activities) activityMs[a.type] = (activityMs[a.type] ?? 0) + a.startToCloseMs;
      // Give moto's log a moment to reach this process before counting.
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { workflowMs: timings.workflowMs - timings.approvalWaitMs, activityMs, requests: moto.take() };
    };
    const retrain = (taskQueue: string) =>
      timed(async () => {
        const handle = await env.client.workflow.start<typeof retrainWorkflow>('retrainWorkflow', {
          taskQueue,
          workflowId: `bench-store-retrain-${randomUUID()}`,
          args: [
            {
              datasetPath: 'data/bench.csv',
              requestedBy: 'bench',
              trainingParams: { epochs },
              promotionPolicy: { minImprovement: 0, floors: {}, guardrails: {} },
            },
          ],
        });
        for (;;) {
          const status = await handle.query(statusQuery).catch(() => undefined);
          if (status?.stage === 'awaiting_approval') {
            await handle.executeUpdate(approvalUpdate, { args: [{ answer: 'approve', approver: 'bench' }] });
            break;
          }
          if (status?.stage === 'completed') break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const result = await handle.result();
        if (result.outcome !== 'promoted') throw new Error(`retrain ended ${result.outcome}, not promoted`);
        return { history: (await handle.fetchHistory()).events ?? [] };
      });
    const drift = (taskQueue: string) =>
      timed(async () => {
        const handle = await env.client.workflow.start<typeof driftCheckWorkflow>('driftCheckWorkflow', {
          taskQueue,
          workflowId: `bench-store-drift-${randomUUID()}`,
          args: [{ requestedBy: 'bench', recordSearchAttributes: false }],
        });
        await handle.result();
        return { history: (await handle.fetchHistory()).events ?? [] };
      });

    const runs: StoreRun[] = [];
    let n = 0;
    // One pair first, not reported: the process's first retrain pays tfjs and module start-up.
    for (let i = -1; i < repeats; i++) {
      for (const mode of i % 2 === 0 ? (['local', 's3'] as const) : (['s3', 'local'] as const)) {
        const before = os.loadavg()[0]!;
        const prefix = `run-${++n}`;
        const store: StoreConfig = mode === 's3' ? s3(prefix) : { kind: 'local' };
        const root = await project();
        const [r, d] = await withWorker(
          root,
          store,
          async (q) => [await retrain(q), await drift(q)] as const,
        );
        const coldDrift = mode === 's3' ? await withWorker(await project(), store, drift) : undefined;
        if (i >= 0)
          runs.push({
            mode,
            retrain: r,
            drift: d,
            ...(coldDrift ? { coldDrift } : {}),
            load: [before, os.loadavg()[0]!],
          });
        process.stderr.write(
          `store bench: ${mode} run ${i < 0 ? 'warm-up' : i + 1}: retrain ${(r.workflowMs / 1000).toFixed(1)} s\n`,
        );
      }
    }
    return { rows, epochs, runs };
  } finally {
    await env.teardown();
    moto.stop();
    await Promise.all(temp.map((dir) => fs.rm(dir, { recursive: true, force: true })));
  }
});
