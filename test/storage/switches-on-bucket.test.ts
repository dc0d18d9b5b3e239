/**
 * The production switches and the drift check with everything in a bucket (a
 * real moto server) and four machines that share no folder: an orchestration
 * worker, a training worker, a `serve` process on an empty folder, and a worker
 * that runs the drift check. Two retrains promote v1 then v2; `rollback` and
 * `promote <version>` (the CLI, so the workflows) switch back and forth. The
 * server is never told of a switch (no reload URLs): it finds each one by
 * polling the bucket's pointers, and no request fails meanwhile. The drift
 * check's reference is production's training snapshot, which its worker has
 * never seen and pulls from the bucket.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { generateMatchmakingRows, rowsToCsv } from '../../src/data';
import { ModelRegistry, readSwitchHistory } from '../../src/registry';
import { METRIC_PREFIX } from '../../src/serving/metrics';
import { openS3Store } from '../../src/storage';
import type { driftCheckWorkflow, retrainWorkflow } from '../../workflows';
import { approvalUpdate } from '../../workflows/retrain-messages';
import { freePort } from '../../bench/lib/free-port';
import { startServeProcess } from '../../bench/lib/serve-process';
import { startBucketMachines, type BucketMachines } from '../helpers/bucket-machines';
import { startChildWorker, writeWorkflowBundle } from '../helpers/child-worker';
import { runCli } from '../helpers/cli-runner';
import { MOTO_SDK_CREDENTIALS } from '../helpers/moto-server';
import { waitForStage } from '../helpers/pipeline-harness';
import type { ProjectFixture } from '../helpers/project-fixture';
import { requestRow } from '../helpers/serving-fixture';

let machines: BucketMachines;
let bundle: string;

beforeAll(async () => {
  [machines, bundle] = await Promise.all([startBucketMachines(4), writeWorkflowBundle()]);
}, 180_000);
afterAll(async () => {
  await machines?.stop();
  if (bundle) await fs.rm(path.dirname(bundle), { recursive: true, force: true });
});

it('promotes, rolls back and promotes again through the workflows, served by polling with no failed request; the drift check pulls its reference from the bucket', async () => {
  const { env, moto } = machines;
  const [orchestrationHome, trainingHome, servingHome, driftHome] = machines.homes as ProjectFixture[] as [
    ProjectFixture,
    ProjectFixture,
    ProjectFixture,
    ProjectFixture,
  ];
  const storeEnv = moto.storeEnv('team', 'legalaid');
  const mainQueue = `main-${randomUUID()}`;
  const trainingQueue = `training-${randomUUID()}`;
  const driftQueue = `drift-${randomUUID()}`;
  const worker = (home: ProjectFixture, taskQueue: string, role: 'orchestration' | 'training' | 'all') =>
    startChildWorker({
      address: env.address,
      projectRoot: home.paths.root,
      taskQueue,
      role,
      ...(role === 'orchestration' ? { trainingTaskQueue: trainingQueue } : {}),
      workflowBundlePath: bundle,
      env: storeEnv,
    }).then((child) => machines.track(child));
  await Promise.all([
    worker(orchestrationHome, mainQueue, 'orchestration'),
    worker(trainingHome, trainingQueue, 'training'),
    worker(driftHome, driftQueue, 'all'),
  ]);

  const retrain = async (seed: number, epochs: number) => {
    const dataset = await orchestrationHome.writeDataset(`train-${seed}.csv`, { rows: 1200, seed });
    const handle = await env.client.workflow.start<typeof retrainWorkflow>('retrainWorkflow', {
      taskQueue: mainQueue,
      workflowId: `bucket-switches-${randomUUID()}`,
      args: [
        {
          datasetPath: dataset,
          trainingParams: { epochs, batchSize: 128 },
          promotionPolicy: { floors: {}, guardrails: {}, minImprovement: 0 },
        },
      ],
    });
    await waitForStage(handle, 'awaiting_approval', 300_000);
    await handle.executeUpdate(approvalUpdate, { args: [{ answer: 'approve', approver: 'ana' }] });
    const result = await handle.result();
    expect(result).toMatchObject({ outcome: 'promoted' });
    return result;
  };
  const { version: v1 } = await retrain(71, 1);

  // The server: its own empty folder, the bucket, a short poll and no one to notify it.
  const port = await freePort();
  const serve = await startServeProcess(
    servingHome.paths.root,
    port,
    ['--poll-interval-ms', '200'],
    storeEnv,
    undefined,
    180_000,
  );
  machines.track(serve.child);
  const body = JSON.stringify({ instances: [requestRow(generateMatchmakingRows({ rows: 1, seed: 5 })[0]!)] });
  const seen: string[] = [];
  const failures: string[] = [];
  const predict = async () => {
    try {
      const response = await fetch(`${serve.url}/v1/models/matchmaking:predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const text = await response.text();
      if (response.status !== 200) failures.push(`${response.status} ${text}`);
      else seen.push((JSON.parse(text) as { model_version: string }).model_version);
    } catch (error) {
      failures.push(String(error));
    }
  };
  const servedBy = async (version: string) => {
    const deadline = Date.now() + 120_000;
    while (seen[seen.length - 1] !== version) {
      if (Date.now() > deadline) throw new Error(`the server still answers with ${seen[seen.length - 1]}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  let loading = true;
  const traffic = (async () => {
    while (loading) await predict();
  })();

  try {
    await servedBy(v1);
    const second = await retrain(72, 4);
    const v2 = second.version;
    await servedBy(v2);

    const cli = { temporalAddress: env.address, projectRoot: driftHome.paths.root, taskQueue: mainQueue };
    const cliEnv = { ...cli, env: storeEnv };
    expect(await runCli(cliEnv, 'rollback', '--requested-by', 'ana', '--reason', 'bucket test')).toContain(
      `Production is now ${v1}; ${v2} is kept as the rollback target`,
    );
    await servedBy(v1);
    expect(await runCli(cliEnv, 'promote', v2, '--requested-by', 'ana')).toContain(
      `Production is now ${v2} (approved by ana); ${v1} is kept as the rollback target`,
    );
    await servedBy(v2);
    loading = false;
    await traffic;

    console.log(
      `${seen.length} requests answered, ${failures.length} failed, across ${v1} -> ${v2} -> ${v1} -> ${v2}`,
    );
    expect(failures).toEqual([]);
    const switches = seen.filter((version, i) => i === 0 || seen[i - 1] !== version);
    expect(switches).toEqual([v1, v2, v1, v2]);
    // Every switch after the first load was the poll's: nobody notified this server.
    const metrics = await (await fetch(`${serve.url}/metrics`)).text();
    expect(metrics).toContain(`${METRIC_PREFIX}model_switches_total{trigger="poll"} 3`);
    await expect(fs.lstat(path.join(servingHome.paths.modelsDir, 'production'))).rejects.toThrow();

    // The history is in the bucket, each switch once, read from yet another folder.
    const store = openS3Store(moto.storeConfig('team', 'legalaid/models'), {
      credentials: MOTO_SDK_CREDENTIALS,
    });
    const registry = new ModelRegistry(path.join(driftHome.paths.root, 'reader-models'), { store });
    expect((await readSwitchHistory(registry)).map((r) => [r.action, r.production, r.previous])).toEqual([
      ['promote', v1, null],
      ['promote', v2, v1],
      ['rollback', v1, v2],
      ['promote', v2, v1],
    ]);

    // The drift check, on a worker that never saw production's training snapshot.
    const snapshotFile = path.join(
      driftHome.paths.snapshotsDir,
      'files',
      'md5',
      second.datasetMd5.slice(0, 2),
      second.datasetMd5.slice(2),
    );
    await expect(fs.access(snapshotFile)).rejects.toThrow();
    await fs.writeFile(
      path.join(driftHome.paths.dataDir, 'current_data.csv'),
      rowsToCsv(generateMatchmakingRows({ rows: 800, seed: 73, drift: 1 })),
    );
    const drift = await env.client.workflow.execute<typeof driftCheckWorkflow>('driftCheckWorkflow', {
      taskQueue: driftQueue,
      workflowId: `bucket-drift-${randomUUID()}`,
      args: [{ driftShare: 0.3, requestedBy: 'ana' }],
    });
    expect(drift.summary).toMatchObject({
      productionVersion: v2,
      referenceMd5: second.datasetMd5,
      datasetDrift: true,
    });
    await fs.access(snapshotFile); // pulled from the bucket
    const report = await fs.readFile(path.resolve(driftHome.paths.root, drift.summary.reportPath), 'utf8');
    expect(report).toContain('<html');
  } finally {
    loading = false;
    await traffic;
    await serve.stop();
  }
}, 900_000);
