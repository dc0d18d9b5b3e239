import { msToNumber, type Duration } from '@temporalio/common';
import {
  ApplicationFailure,
  CancellationScope,
  condition,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { DecisionOutcome } from '../src/registry/records';
import { judgeAnswer, type ApprovalGate } from './approval-gate';
import { FailureType, NON_RETRYABLE_FAILURE_TYPES } from '../src/core/errors';
import { startMlflowSync } from './mlflow-sync';
import {
  CandidateMetricKey,
  DatasetMd5Key,
  DecisionKey,
  ModelVersionKey,
  ProductionMetricKey,
  RequestedByKey,
} from './search-attributes';
import {
  approvalUpdate,
  approveSignal,
  rejectSignal,
  RetrainStage,
  statusQuery,
  trainingProgressSignal,
  type ApprovalInput,
  type ApprovalRecord,
  type DecisionInput,
  type RetrainInput,
  type RetrainResult,
  type RetrainStatus,
} from './retrain-messages';

type Activities = ReturnType<typeof createActivities>;

const light = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});

/** Default wait for a human before the candidate counts as rejected. */
export const DEFAULT_APPROVAL_TIMEOUT = '7 days';

/**
 * Retrain → compare with production → human approval → atomic promotion.
 *
 * The workflow only decides and waits; every file and tensor is touched by an
 * activity, and only references (paths, hashes, version names) and small
 * metric objects cross the boundary.
 */
export async function retrainWorkflow(input: RetrainInput): Promise<RetrainResult> {
  let status: RetrainStatus = { stage: RetrainStage.Starting };
  const index: typeof upsertSearchAttributes = (attributes) => {
    if (input.recordSearchAttributes !== false) upsertSearchAttributes(attributes);
  };
  let approval: ApprovalRecord | undefined;
  let gate: ApprovalGate = { window: 'not_open', approvers: null };

  const decide = (decision: 'approve' | 'reject', answer: ApprovalInput, via: ApprovalRecord['via']) => {
    approval = {
      decision,
      approver: answer.approver.trim(),
      comment: answer.comment?.trim() ?? '',
      decidedAt: new Date().toISOString(),
      via,
    };
    gate = { ...gate, window: 'decided' };
    status = { ...status, approval };
    return approval;
  };
  // Signals cannot be refused, so invalid, unauthorised or late ones are logged
  // and ignored; the update refuses the same cases in its validator, before
  // history is written. The same answer twice is harmless either way.
  const onSignal = (decision: 'approve' | 'reject') => (answer: ApprovalInput) => {
    const verdict = judgeAnswer(gate, status, approval, decision, answer);
    if (verdict.kind === 'refuse') log.warn(`Ignoring ${decision} signal: ${verdict.reason}`, { answer });
    else if (verdict.kind === 'repeat')
      log.info(`Repeated ${decision} signal ignored: already recorded`, { answer });
    else decide(decision, answer, 'signal');
  };
  setHandler(approveSignal, onSignal('approve'));
  setHandler(rejectSignal, onSignal('reject'));
  setHandler(
    approvalUpdate,
    (answer: DecisionInput) =>
      judgeAnswer(gate, status, approval, answer.decision, answer).kind === 'repeat' && approval
        ? approval
        : decide(answer.decision, answer, 'update'),
    {
      validator: (answer: DecisionInput) => {
        if (answer?.decision !== 'approve' && answer?.decision !== 'reject') {
          throw new Error(`decision must be "approve" or "reject", got ${JSON.stringify(answer?.decision)}`);
        }
        const verdict = judgeAnswer(gate, status, approval, answer.decision, answer);
        if (verdict.kind === 'refuse') throw new Error(verdict.reason);
      },
    },
  );
  setHandler(statusQuery, () => status);
  setHandler(trainingProgressSignal, (progress) => {
    if (status.stage === RetrainStage.Training) status = { ...status, progress };
  });

  const timeout = input.approvalTimeout ?? DEFAULT_APPROVAL_TIMEOUT;
  const timeoutMs = durationMs(timeout); // validated before any work is done
  await light.acquireModelLock();
  let runRecordId: string | undefined;
  try {
    const recordId = await light.startRunRecord({
      kind: 'retrain',
      startedAt: new Date(workflowInfo().startTime).toISOString(),
      params: {
        datasetPath: input.datasetPath,
        requestedBy: input.requestedBy ?? 'unknown',
        approvalTimeout: timeout,
        ...input.trainingParams,
      },
    });
    runRecordId = recordId;
    status = { ...status, stage: RetrainStage.Snapshotting };
    const snapshot = await light.snapshotDataset({
      datasetPath: input.datasetPath,
      ...(input.expectedDatasetMd5 ? { expectedMd5: input.expectedDatasetMd5 } : {}),
    });
    status = {
      ...status,
      stage: RetrainStage.Training,
      datasetMd5: snapshot.md5,
      datasetRows: snapshot.rows,
    };
    index([
      { key: DatasetMd5Key, value: snapshot.md5 },
      { key: RequestedByKey, value: input.requestedBy ?? 'unknown' },
    ]);

    const training = proxyActivities<Activities>({
      ...(input.trainingTaskQueue ? { taskQueue: input.trainingTaskQueue } : {}),
      startToCloseTimeout: '4 hours',
      heartbeatTimeout: (input.trainingHeartbeatTimeout ?? '2 minutes') as Duration,
      retry: { maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
    });
    const candidate = await training.trainCandidate({
      datasetMd5: snapshot.md5,
      startedAt: new Date(workflowInfo().startTime).toISOString(),
      ...(input.trainingParams ? { params: input.trainingParams } : {}),
      runRecordId: recordId,
    });
    status = { ...status, stage: RetrainStage.Evaluating, version: candidate.version };
    index([{ key: ModelVersionKey, value: candidate.version }]);

    const evaluation = await light.evaluateCandidate({
      version: candidate.version,
      datasetMd5: snapshot.md5,
      ...(input.promotionPolicy ? { policy: input.promotionPolicy } : {}),
    });
    status = {
      ...status,
      candidateMetrics: evaluation.candidate,
      production: evaluation.production,
      decision: evaluation.decision,
    };
    const productionBefore = evaluation.production?.version ?? null;
    const candidatePrimary = evaluation.candidate[evaluation.primaryMetric];
    const productionPrimary = evaluation.production?.metrics[evaluation.primaryMetric];
    index([
      ...(typeof candidatePrimary === 'number' ? [{ key: CandidateMetricKey, value: candidatePrimary }] : []),
      ...(typeof productionPrimary === 'number'
        ? [{ key: ProductionMetricKey, value: productionPrimary }]
        : []),
    ]);
    const finish = async (outcome: DecisionOutcome, reason: string): Promise<RetrainResult> => {
      await light.recordDecision({
        version: candidate.version,
        outcome,
        reason,
        ...(approval ? { approver: approval.approver, comment: approval.comment } : {}),
        decidedAt: approval?.decidedAt ?? new Date().toISOString(),
      });
      await light.finishRunRecord({
        id: recordId,
        status: 'completed',
        candidate: evaluation.candidate,
        production: evaluation.production?.metrics ?? null,
        decision: outcome,
        modelVersion: candidate.version,
        datasetMd5: snapshot.md5,
      });
      await startMlflowSync(recordId);
      status = { ...status, stage: RetrainStage.Completed, outcome };
      index([{ key: DecisionKey, value: outcome }]);
      return {
        outcome,
        reason,
        version: candidate.version,
        datasetMd5: snapshot.md5,
        candidateMetrics: evaluation.candidate,
        productionVersionBefore: productionBefore,
        productionVersionAfter: outcome === 'promoted' ? candidate.version : productionBefore,
        ...(approval ? { approval } : {}),
      };
    };

    if (!evaluation.decision.qualifies) return await finish('not_qualified', evaluation.decision.reason);

    const { approvers } = await light.readApprovalPolicy();
    const deadline = new Date(Date.now() + timeoutMs).toISOString();
    gate = { window: 'open', approvers, deadline };
    status = { ...status, stage: RetrainStage.AwaitingApproval, approvalDeadline: deadline };
    index([{ key: DecisionKey, value: RetrainStage.AwaitingApproval }]);
    log.info('Candidate qualifies; waiting for approval', { version: candidate.version, deadline });
    const answered = await condition(() => approval !== undefined, timeoutMs);
    // Closed before anything else is awaited: a late answer can no longer slip in.
    if (!answered) gate = { ...gate, window: 'timed_out' };
    if (!answered || !approval) {
      return await finish(
        'timed_out',
        `No approval within ${timeout} (deadline ${deadline}); counted as a rejection.`,
      );
    }
    const decided: ApprovalRecord = approval;
    if (decided.decision === 'reject') {
      return await finish(
        'rejected',
        `Rejected by ${decided.approver}${decided.comment ? `: ${decided.comment}` : ''}.`,
      );
    }
    status = { ...status, stage: RetrainStage.Promoting };
    await light.promoteCandidate({ version: candidate.version, expectedProduction: productionBefore });
    return await finish(
      'promoted',
      `Approved by ${decided.approver}${decided.comment ? `: ${decided.comment}` : ''}. ${evaluation.decision.reason}`,
    );
  } catch (error) {
    const id = runRecordId;
    if (id) await CancellationScope.nonCancellable(() => light.finishRunRecord({ id, status: 'failed' }));
    if (id) await startMlflowSync(id);
    throw error;
  } finally {
    // Runs on failure and cancellation too; a cancelled scope could not schedule it.
    await CancellationScope.nonCancellable(() => light.releaseModelLock());
  }
}

/** Milliseconds in a duration string such as '7 days'; bad input fails the workflow without retries. */
function durationMs(text: string): number {
  try {
    const ms = msToNumber(text as Duration);
    if (Number.isFinite(ms) && ms > 0) return ms;
  } catch {
    // fall through to the failure below
  }
  throw ApplicationFailure.nonRetryable(
    `approvalTimeout "${text}" is not a positive duration like "7 days"`,
    FailureType.InvalidInput,
  );
}
