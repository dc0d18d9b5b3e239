import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { formatStatus } from '../client/format';
import { computeVersionImportance } from '../src/pipeline/version-importance';
import { ModelRegistry } from '../src/registry';
import {
  approvalUpdate,
  approveSignal,
  rejectSignal,
  statusQuery,
  type RetrainInput,
} from '../workflows/retrain-messages';
import {
  pipelineHarness,
  QUICK_TRAINING,
  waitForStage,
  type PipelineHarness,
} from './helpers/pipeline-harness';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';
import { runCli, type CliFailure } from './helpers/cli-runner';
import { startDevServer } from './helpers/temporal-servers';

/** The reason a refused update gives. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => {
      throw new Error('expected the update to be refused');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  return (error as WorkflowUpdateFailedError).cause?.message ?? '';
}

describe('the approval gate on a real Temporal dev server', () => {
  let env: TestWorkflowEnvironment;
  let fixture: ProjectFixture;
  let harness: PipelineHarness;
  let registry: ModelRegistry;
  let seed = 80;

  // No floors and no production to beat: every candidate here qualifies.
  const retrainInput = async (extra: Partial<RetrainInput> = {}): Promise<RetrainInput> => ({
    datasetPath: await fixture.writeDataset(`data-${++seed}.csv`, { rows: 2000, seed }),
    trainingParams: QUICK_TRAINING,
    promotionPolicy: { floors: {} },
    ...extra,
  });

  beforeAll(async () => {
    env = await startDevServer();
  });
  afterAll(async () => {
    await env?.teardown();
  });
  // A project of its own per test: every candidate is the first model, so it qualifies.
  beforeEach(async () => {
    fixture = await createProjectFixture();
    harness = pipelineHarness(env, fixture, { approvers: 'Ana, bob' });
    registry = new ModelRegistry(fixture.paths.modelsDir);
  });
  afterEach(async () => {
    await fixture?.remove();
  });

  it('refuses an approver outside APPROVERS in the update and ignores their signal', async () => {
    await harness.withWorker(async () => {
      const handle = await harness.startRetrain(await retrainInput());
      await waitForStage(handle, 'awaiting_approval');

      const reason = await refusal(
        handle.executeUpdate(approvalUpdate, { args: [{ answer: 'approve', approver: 'mallory' }] }),
      );
      expect(reason).toBe(`"mallory" may not approve or reject: not in the worker's APPROVERS list`);
      await handle.signal(approveSignal, { approver: 'mallory', comment: 'let me in' });
      // A query after the signal is answered after the signal was handled.
      const status = await handle.query(statusQuery);
      expect(status.stage).toBe('awaiting_approval');
      expect(status.approval).toBeUndefined();
      // While waiting, the approver sees what the candidate relies on: its top 5 columns with the
      // numbers the evaluation computes on the same held-out rows (no production yet: nothing moved).
      const importance = status.importance!;
      expect(importance.candidate.version).toBe(status.version);
      expect(importance.production).toBeNull();
      expect(importance.moved).toEqual([]);
      const [full] = await computeVersionImportance({
        registry,
        snapshotsDir: fixture.paths.snapshotsDir,
        datasetMd5: status.datasetMd5!,
        versions: [status.version!],
      });
      const ranked = full!.columns
        .map((column, j) => ({ column, permutation: full!.permutation.mean[j]! }))
        .sort((a, b) => b.permutation - a.permutation);
      expect(importance.candidate.top).toHaveLength(5);
      importance.candidate.top.forEach((c, k) => {
        const j = full!.columns.indexOf(c.column);
        expect(c.permutation).toBeCloseTo(ranked[k]!.permutation, 12);
        expect(c.permutationStd).toBeCloseTo(full!.permutation.std[j]!, 12);
        expect(c.meanAbsAttribution).toBeCloseTo(full!.meanAbsAttribution.values[j]!, 12);
      });
      expect(formatStatus(handle.workflowId, status)).toContain(
        `candidate (${status.version}), top columns:\ncolumn`,
      );

      // Listed names match without regard to case or spaces.
      const record = await handle.executeUpdate(approvalUpdate, {
        args: [{ answer: 'reject', approver: ' ANA ', comment: 'not now' }],
      });
      expect(record).toMatchObject({ answer: 'reject', approver: 'ANA', via: 'update' });
      expect(await handle.result()).toMatchObject({ outcome: 'rejected' });
    });
  }, 120_000);

  it('makes approving twice harmless: one decision, one promotion', async () => {
    await harness.withWorker(async () => {
      const handle = await harness.startRetrain(await retrainInput());
      await waitForStage(handle, 'awaiting_approval');
      const first = await handle.executeUpdate(approvalUpdate, {
        args: [{ answer: 'approve', approver: 'bob', comment: 'ship it' }],
      });
      const again = await handle.executeUpdate(approvalUpdate, {
        args: [{ answer: 'approve', approver: 'ana' }],
      });
      await handle.signal(approveSignal, { approver: 'bob' });
      expect(again).toEqual(first); // the recorded decision, unchanged

      const result = await handle.result();
      expect(result).toMatchObject({ outcome: 'promoted', approval: first });
      expect(await registry.productionVersion()).toBe(result.version);
      expect(await registry.readOutcome(result.version)).toMatchObject({
        outcome: 'promoted',
        approver: 'bob',
        comment: 'ship it',
      });
    });
  }, 120_000);

  it('ends a race of approve and reject updates with exactly one recorded outcome', async () => {
    const productionBefore = await registry.productionVersion();
    await harness.withWorker(async () => {
      const handle = await harness.startRetrain(await retrainInput());
      await waitForStage(handle, 'awaiting_approval');
      const settled = await Promise.allSettled([
        handle.executeUpdate(approvalUpdate, { args: [{ answer: 'approve', approver: 'ana' }] }),
        handle.executeUpdate(approvalUpdate, { args: [{ answer: 'reject', approver: 'bob' }] }),
      ]);
      const won = settled.filter((s) => s.status === 'fulfilled');
      const lost = settled.filter((s) => s.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const winner = (won[0] as PromiseFulfilledResult<{ answer: 'approve' | 'reject'; approver: string }>)
        .value;
      const loserReason = ((lost[0] as PromiseRejectedResult).reason as WorkflowUpdateFailedError).cause
        ?.message;
      expect(loserReason).toMatch(new RegExp(`^already (approved|rejected) by ${winner.approver} at `));

      const result = await handle.result();
      const outcome = winner.answer === 'approve' ? 'promoted' : 'rejected';
      expect(result.outcome).toBe(outcome);
      expect(await registry.readOutcome(result.version)).toMatchObject({
        outcome,
        approver: winner.approver,
      });
      expect(await registry.productionVersion()).toBe(
        outcome === 'promoted' ? result.version : productionBefore,
      );
    });
  }, 120_000);

  it('ends a race of approve and reject signals with the first one in history', async () => {
    await harness.withWorker(async () => {
      const handle = await harness.startRetrain(await retrainInput());
      await waitForStage(handle, 'awaiting_approval');
      await Promise.all([
        handle.signal(rejectSignal, { approver: 'bob' }),
        handle.signal(approveSignal, { approver: 'ana' }),
      ]);
      const result = await handle.result();
      const history = await handle.fetchHistory();
      const signals = (history.events ?? []).flatMap((e) => {
        const name = e.workflowExecutionSignaledEventAttributes?.signalName;
        return name === 'approve' || name === 'reject' ? [name] : [];
      });
      expect([...signals].sort()).toEqual(['approve', 'reject']);
      const first = signals[0];
      expect(result.outcome).toBe(first === 'approve' ? 'promoted' : 'rejected');
      expect(await registry.readOutcome(result.version)).toMatchObject({ outcome: result.outcome });
    });
  }, 120_000);

  it('refuses approval after the window closed, saying how the retrain ended', async () => {
    await harness.withWorker(async () => {
      const handle = await harness.startRetrain(await retrainInput({ approvalTimeout: '1 second' }));
      const result = await handle.result();
      expect(result.outcome).toBe('timed_out');
      const failure = (await runCli(
        { temporalAddress: env.address, projectRoot: fixture.paths.root },
        'approve',
        handle.workflowId,
        '--approver',
        'ana',
      ).catch((e: unknown) => e)) as CliFailure;
      expect(failure.code).toBe(1);
      expect(failure.stderr).toContain(`Refused: the retrain ${handle.workflowId} already ended: timed_out.`);
      expect(failure.stderr).toContain('No approval within 1 second');
      expect(await registry.readOutcome(result.version)).toMatchObject({ outcome: 'timed_out' });
    });
  }, 120_000);
});
