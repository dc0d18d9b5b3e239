import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ModelRegistry } from '../src/registry';
import { RunStore } from '../src/tracking';
import { approvalUpdate, statusQuery, type RetrainStatus } from '../workflows/retrain-messages';
import { runCli, runCliFailing } from './helpers/cli-runner';
import {
  pipelineHarness,
  QUICK_TRAINING,
  waitForStage,
  type PipelineHarness,
} from './helpers/pipeline-harness';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';
import { startDevServer } from './helpers/temporal-servers';
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhook-receiver';

const run = promisify(execFile);

/**
 * Makes a folder immutable (chattr +i): not even root can add or remove entries
 * in it, as with a read-only or full disk. Tests run as root, as CI does.
 */
async function freeze(dir: string, on: boolean): Promise<void> {
  await run('chattr', [on ? '+i' : '-i', dir]);
}

/** Polls the status query until `predicate` holds. */
async function statusUntil(
  handle: { query: (q: typeof statusQuery) => Promise<RetrainStatus> },
  predicate: (status: RetrainStatus) => boolean,
  timeoutMs = 120_000,
): Promise<RetrainStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: RetrainStatus | undefined;
  while (Date.now() < deadline) {
    last = await handle.query(statusQuery);
    if (predicate(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`status never matched; last: ${JSON.stringify(last)}`);
}

async function until(predicate: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

describe('an approval survives infrastructure faults around the production switch', () => {
  let env: TestWorkflowEnvironment;
  let fixture: ProjectFixture;
  let receiver: WebhookReceiver;
  let harness: PipelineHarness;
  let registry: ModelRegistry;
  const frozen: string[] = [];
  let seed = 70;

  const alertTitles = () => receiver.delivered.map((body) => String((body as { text?: string }).text));

  async function startQualifyingRetrain(extra: object = {}) {
    const dataset = await fixture.writeDataset(`data-${++seed}.csv`, { rows: 1500, seed });
    return harness.startRetrain({
      datasetPath: dataset,
      trainingParams: QUICK_TRAINING,
      promotionPolicy: { floors: {} },
      ...extra,
    });
  }

  beforeAll(async () => {
    env = await startDevServer();
    receiver = await startWebhookReceiver();
  });
  // A project of its own per test: every candidate is the first model, so it qualifies.
  beforeEach(async () => {
    fixture = await createProjectFixture();
    harness = pipelineHarness(env, fixture, { alertWebhookUrl: receiver.url });
    registry = new ModelRegistry(fixture.paths.modelsDir);
  });
  afterEach(async () => {
    for (const dir of frozen.splice(0)) await freeze(dir, false).catch(() => undefined);
    await fixture?.remove();
  });
  afterAll(async () => {
    await receiver?.close();
    await env?.teardown();
  });

  it('never fails after production switched: records pending are retried, alerted, and complete once the folder is fixed', async () => {
    await harness.withWorker(async () => {
      const handle = await startQualifyingRetrain();
      await waitForStage(handle, 'awaiting_approval');
      // The run records' folder cannot be written from now on (as a full or read-only disk).
      const runsDir = path.join(fixture.paths.trackingDir, 'runs');
      await freeze(runsDir, true);
      frozen.push(runsDir);
      await handle.executeUpdate(approvalUpdate, {
        args: [{ answer: 'approve', approver: 'ana', comment: 'go' }],
      });

      const pending = await statusUntil(
        handle,
        (s) => s.stage === 'records_pending' && s.trouble !== undefined,
      );
      expect(pending).toMatchObject({ stage: 'records_pending', outcome: 'promoted' });
      expect(pending.trouble).toContain(runsDir); // the failing file is named
      const version = pending.version!;
      // Production switched, and the outcome and the approver were durable before the records.
      expect(await registry.productionVersion()).toBe(version);
      expect(await registry.readOutcome(version)).toMatchObject({ outcome: 'promoted', approver: 'ana' });
      await until(() => alertTitles().some((t) => t.includes('keeps failing')));

      await freeze(runsDir, false);
      frozen.splice(0);
      const result = await handle.result();
      expect(result).toMatchObject({ outcome: 'promoted', version });
      const runs = await new RunStore(runsDir).list();
      expect(runs.find((r) => r.modelVersion === version)).toMatchObject({
        status: 'completed',
        decision: 'promoted',
      });
      expect((await handle.query(statusQuery)).stage).toBe('completed');
    });
  }, 600_000);

  it('records the approval first, outlasts a read-only models folder, and promotes once it is fixed', async () => {
    await harness.withWorker(async () => {
      const before = await registry.productionVersion();
      const handle = await startQualifyingRetrain();
      await waitForStage(handle, 'awaiting_approval');
      await freeze(fixture.paths.modelsDir, true);
      frozen.push(fixture.paths.modelsDir);
      await handle.executeUpdate(approvalUpdate, { args: [{ answer: 'approve', approver: 'bob' }] });

      const stuck = await statusUntil(handle, (s) => s.stage === 'promoting' && s.trouble !== undefined);
      const version = stuck.version!;
      expect(await registry.readOutcome(version)).toMatchObject({ outcome: 'approved', approver: 'bob' });
      expect(await registry.productionVersion()).toBe(before);
      await until(() =>
        alertTitles().some((t) => t.includes(`switching production to ${version} keeps failing`)),
      );

      await freeze(fixture.paths.modelsDir, false);
      frozen.splice(0);
      expect(await handle.result()).toMatchObject({ outcome: 'promoted', version });
      expect(await registry.productionVersion()).toBe(version);
      expect(await registry.readOutcome(version)).toMatchObject({ outcome: 'promoted', approver: 'bob' });
    });
  }, 600_000);

  it('keeps an approved candidate promotable by `promote <version>` when the switch gives up', async () => {
    await harness.withWorker(async () => {
      const before = await registry.productionVersion();
      const handle = await startQualifyingRetrain({ promotionTimeout: '10 seconds' });
      await waitForStage(handle, 'awaiting_approval');
      await freeze(fixture.paths.modelsDir, true);
      frozen.push(fixture.paths.modelsDir);
      await handle.executeUpdate(approvalUpdate, { args: [{ answer: 'approve', approver: 'carla' }] });

      const result = await handle.result();
      expect(result.outcome).toBe('approved');
      expect(result.reason).toContain(`legalaid-mlops promote ${result.version}`);
      expect(await registry.productionVersion()).toBe(before);
      const [listed] = (await registry.listVersions()).filter((v) => v.version === result.version);
      expect(listed?.stage).toBe('approved');

      await freeze(fixture.paths.modelsDir, false);
      frozen.splice(0);
      const target = {
        temporalAddress: env.address,
        projectRoot: fixture.paths.root,
        taskQueue: harness.taskQueue,
      };
      const out = await runCli(target, 'promote', result.version, '--requested-by', 'ops');
      expect(out).toContain(`Production is now ${result.version} (approved by carla)`);
      expect(await registry.productionVersion()).toBe(result.version);
      expect(await registry.readOutcome(result.version)).toMatchObject({
        outcome: 'promoted',
        approver: 'carla',
      });
      // A version nobody approved is refused: the promote workflow fails on its first
      // activity, so the CLI exits 2 ("the workflow it started failed") and says why.
      const rejected = await runCliFailing(
        target,
        'promote',
        'v20990101-000000-00000000',
        '--requested-by',
        'ops',
      );
      expect(rejected.code).toBe(2);
      expect(rejected.stderr).toContain('model version v20990101-000000-00000000 does not exist');
    });
  }, 600_000);
});
