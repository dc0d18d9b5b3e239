import type { Duration } from '@temporalio/common';
import { CancellationScope, log, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CandidateEvaluation } from '../src/pipeline/evaluate-candidate';
import type { ProductionSwitch } from '../src/registry/promotion';
import type { RetrainOutcome } from '../src/registry/records';
import { NON_RETRYABLE_FAILURE_TYPES } from '../src/core/errors';
import { ApprovalGate } from './approval-gate';
import { failureMessage, keepTrying, PERSISTENT_ROUND } from './keep-trying';
import { durationMs } from './payload';
import { validateRetrainInput } from './input-schemas';
import { tryOnLiveTraffic } from './retrain-experiment';
import { RetrainStage, type ApprovalRecord, type RetrainInput, type RetrainResult } from './retrain-messages';
import { RetrainStages } from './retrain-stages';
import { withRunRecord, type RunCompletion } from './run-record';
import {
  CandidateMetricKey,
  DatasetMd5Key,
  ModelVersionKey,
  OutcomeKey,
  ProductionMetricKey,
  RequestedByKey,
} from './search-attributes';

const light = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});
const persistent = proxyActivities<Activities>(PERSISTENT_ROUND);

/** Default wait for a human before the candidate counts as rejected. */
export const DEFAULT_APPROVAL_TIMEOUT = '7 days';
/** Default time to keep trying to switch production after an approval. */
export const DEFAULT_PROMOTION_TIMEOUT = '1 day';
/** Patch of the retrain with a stage attribute, the training queue as a worker setting, validated input. */
export const RETRAIN_STAGES_PATCH = 'retrain-stages-v2';
/** Patch of the answer recorded before the switch and the switch kept trying. */
export const DURABLE_ANSWER_PATCH = 'durable-answer';

/**
 * Retrain → compare with production → (an experiment on live traffic, if its
 * policy asks) → human approval → atomic promotion.
 *
 * The workflow only decides and waits; every file and tensor is touched by an
 * activity, and only references (paths, hashes, version names) and small
 * metric objects cross the boundary.
 */
export async function retrainWorkflow(raw: RetrainInput): Promise<RetrainResult> {
  // Histories recorded before these patches replay the code they were recorded with.
  const legacy = !patched(RETRAIN_STAGES_PATCH);
  const input = legacy ? raw : validateRetrainInput(raw); // before any work
  const stages = new RetrainStages(input.recordSearchAttributes !== false, legacy);
  const gate = new ApprovalGate(
    () => stages.status.stage,
    (approval) => stages.note({ approval }),
  );
  stages.install();
  gate.install();
  const requestedBy = input.requestedBy ?? 'unknown';
  const approvalTimeout = input.approvalTimeout ?? DEFAULT_APPROVAL_TIMEOUT;

  await light.acquireModelLock();
  try {
    return await withRunRecord(
      {
        kind: 'retrain',
        params: { datasetPath: input.datasetPath, requestedBy, approvalTimeout, ...input.trainingParams },
      },
      async (runRecordId) => {
        stages.enter(RetrainStage.Snapshotting);
        const snapshot = await light.snapshotDataset({
          datasetPath: input.datasetPath,
          ...(input.expectedDatasetMd5 ? { expectedMd5: input.expectedDatasetMd5 } : {}),
        });
        stages.enter(RetrainStage.Training, { datasetMd5: snapshot.md5, datasetRows: snapshot.rows }, [
          { key: DatasetMd5Key, value: snapshot.md5 },
          { key: RequestedByKey, value: requestedBy },
        ]);
        const trainer = await training(input, legacy);
        const candidate = await trainer.trainCandidate({
          datasetMd5: snapshot.md5,
          startedAt: new Date(workflowStart()).toISOString(),
          ...(input.trainingParams ? { params: input.trainingParams } : {}),
          runRecordId,
        });
        stages.enter(RetrainStage.Evaluating, { version: candidate.version }, [
          { key: ModelVersionKey, value: candidate.version },
        ]);
        const evaluation = await light.evaluateCandidate({
          version: candidate.version,
          datasetMd5: snapshot.md5,
          ...(input.promotionPolicy ? { policy: input.promotionPolicy } : {}),
        });
        stages.note(
          {
            candidateMetrics: evaluation.candidate,
            production: evaluation.production,
            verdict: evaluation.verdict,
            ...(evaluation.importance ? { importance: evaluation.importance } : {}),
          },
          primaryMetricAttributes(evaluation),
        );
        const finish = finisher(stages, candidate.version, snapshot.md5, evaluation);
        if (!evaluation.verdict.qualifies) return finish('not_qualified', evaluation.verdict.reason);
        // Histories from before experiments never had one (and their input was not validated).
        const live = await tryOnLiveTraffic(legacy ? undefined : input.experiment, {
          stages,
          candidate: candidate.version,
          production: productionOf(evaluation),
          requestedBy,
        });
        if (!live.proceed) return finish(live.outcome, live.reason);

        const { answer, deadline } = await askForApproval(gate, stages, candidate.version, approvalTimeout);
        if (!answer) {
          return finish(
            'timed_out',
            `No approval within ${approvalTimeout} (deadline ${deadline}); counted as a rejection.`,
          );
        }
        if (answer.answer === 'reject') return finish('rejected', `Rejected by ${describe(answer)}.`);
        return promoteApproved({ input, stages, finish, evaluation, legacy }, candidate.version, answer);
      },
    );
  } finally {
    // Runs on failure and cancellation too; a cancelled scope could not schedule it.
    await CancellationScope.nonCancellable(() => light.releaseModelLock());
  }
}

/**
 * Opens the approval gate for `version` with the approvers of the approval policy and
 * waits for an answer until the deadline; no answer (undefined) means it timed out.
 */
async function askForApproval(
  gate: ApprovalGate,
  stages: RetrainStages,
  version: string,
  approvalTimeout: string,
): Promise<{ answer: ApprovalRecord | undefined; deadline: string }> {
  const { approvers } = await light.readApprovalPolicy();
  const deadline = new Date(Date.now() + durationMs(approvalTimeout)).toISOString();
  gate.open(approvers, deadline);
  stages.enter(RetrainStage.AwaitingApproval, { approvalDeadline: deadline });
  log.info('Candidate qualifies; waiting for approval', { version, deadline });
  return { answer: await gate.awaitAnswer(durationMs(approvalTimeout)), deadline };
}

/**
 * Makes an approved candidate production without losing the approval: it is
 * recorded first (`decision.json`: approved), the switch is tried until it
 * works or `promotionTimeout` passes (alerting meanwhile), and once production
 * has switched the records are written however long it takes — the workflow
 * never fails after the switch. A switch given up leaves the candidate
 * approved, promotable with `legalaid-mlops promote <version>`.
 */
async function promoteApproved(
  { input, stages, finish, evaluation, legacy }: PromotionContext,
  version: string,
  answer: ApprovalRecord,
): Promise<RunCompletion<RetrainResult>> {
  const reason = `Approved by ${describe(answer)}. ${evaluation.verdict.reason}`;
  if (legacy && !patched(DURABLE_ANSWER_PATCH)) {
    // Histories from before the durable answer: one switch attempt, then the outcome.
    stages.enter(RetrainStage.Promoting);
    await light.promoteCandidate({ version, expectedProduction: productionOf(evaluation) });
    return finish('promoted', reason);
  }
  const trouble = (message: string) => stages.note({ trouble: message });
  stages.enter(RetrainStage.Promoting);
  const approval = {
    version,
    reason,
    approver: answer.approver,
    comment: answer.comment,
    decidedAt: answer.answeredAt,
  };
  await keepTrying(() => persistent.recordOutcome({ ...approval, outcome: 'approved' }), {
    what: `recording the approval of ${version}`,
    onTrouble: trouble,
  });
  let switched: ProductionSwitch;
  try {
    switched = await keepTrying(
      () =>
        persistent.promoteCandidate({
          version,
          expectedProduction: productionOf(evaluation),
          // Who approved and why go to history.jsonl with the switch.
          approver: answer.approver,
          ...(answer.comment ? { comment: answer.comment } : {}),
        }),
      {
        what: `switching production to ${version}`,
        giveUpAfterMs: durationMs(input.promotionTimeout ?? DEFAULT_PROMOTION_TIMEOUT),
        onTrouble: trouble,
      },
    );
  } catch (error) {
    return finish(
      'approved',
      `${reason} Production was not switched: ${failureMessage(error)}. ` +
        `The approval is recorded; promote it with: legalaid-mlops promote ${version}`,
    );
  }
  log.info('Production switched', { ...switched });
  stages.enter(RetrainStage.RecordsPending, { outcome: 'promoted', trouble: undefined }, [
    { key: OutcomeKey, value: 'promoted' },
  ]);
  return finish('promoted', reason, { mustRecord: true, onTrouble: trouble });
}

/** What the promotion of an approved candidate needs from the retrain. */
interface PromotionContext {
  readonly input: RetrainInput;
  readonly stages: RetrainStages;
  readonly finish: Finisher;
  readonly evaluation: CandidateEvaluation;
  /** A history from before the retrain-stages patch (see {@link RETRAIN_STAGES_PATCH}). */
  readonly legacy: boolean;
}

type Finisher = (
  outcome: RetrainOutcome,
  reason: string,
  options?: { mustRecord?: boolean; onTrouble?: (message: string) => void },
) => Promise<RunCompletion<RetrainResult>>;

/** Ends the retrain: the outcome goes to decision.json, the status and the run record. */
function finisher(
  stages: RetrainStages,
  version: string,
  datasetMd5: string,
  evaluation: CandidateEvaluation,
): Finisher {
  return async (outcome, reason, options = {}) => {
    const approval = stages.status.approval;
    const record = {
      version,
      outcome,
      reason,
      ...(approval ? { approver: approval.approver, comment: approval.comment } : {}),
      decidedAt: approval?.answeredAt ?? new Date().toISOString(),
    };
    if (options.mustRecord) {
      await keepTrying(() => persistent.recordOutcome(record), {
        what: `recording the promotion of ${version}`,
        ...(options.onTrouble ? { onTrouble: options.onTrouble } : {}),
      });
    } else {
      await light.recordOutcome(record);
    }
    const before = productionOf(evaluation);
    return {
      value: {
        outcome,
        reason,
        version,
        datasetMd5,
        candidateMetrics: evaluation.candidate,
        productionVersionBefore: before,
        productionVersionAfter: outcome === 'promoted' ? version : before,
        ...(approval ? { approval } : {}),
      },
      record: {
        candidate: evaluation.candidate,
        production: evaluation.production?.metrics ?? null,
        decision: outcome,
        modelVersion: version,
        datasetMd5,
      },
      ...(options.mustRecord ? { mustRecord: true } : {}),
      ...(options.onTrouble ? { onTrouble: options.onTrouble } : {}),
      afterRecord: () =>
        stages.enter(RetrainStage.Completed, { outcome, trouble: undefined }, [
          { key: OutcomeKey, value: outcome },
        ]),
    };
  };
}

/**
 * The training activity, on the training workers' queue: a setting of the
 * deployment the workflow reads through an activity (histories from before
 * replay with the queue their caller passed). Returned in an object: a proxy
 * has every property, `then` included, so it must not be awaited itself.
 */
async function training(input: RetrainInput, legacy: boolean) {
  const taskQueue = legacy ? input.trainingTaskQueue : (await light.readTrainingSettings()).taskQueue;
  return { trainCandidate: trainingProxy(input, taskQueue).trainCandidate };
}

function trainingProxy(input: RetrainInput, taskQueue: string | null | undefined) {
  return proxyActivities<Activities>({
    ...(taskQueue ? { taskQueue } : {}),
    startToCloseTimeout: '4 hours',
    heartbeatTimeout: (input.trainingHeartbeatTimeout ?? '2 minutes') as Duration,
    retry: { maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
  });
}

function workflowStart(): number {
  return workflowInfo().startTime.getTime();
}

function describe(answer: ApprovalRecord): string {
  return `${answer.approver}${answer.comment ? `: ${answer.comment}` : ''}`;
}

function productionOf(evaluation: CandidateEvaluation): string | null {
  return evaluation.production?.version ?? null;
}

/** The primary metric of both models as search attributes, when they have a value. */
function primaryMetricAttributes(evaluation: CandidateEvaluation) {
  const candidate = evaluation.candidate[evaluation.primaryMetric];
  const production = evaluation.production?.metrics[evaluation.primaryMetric];
  return [
    ...(typeof candidate === 'number' ? [{ key: CandidateMetricKey, value: candidate }] : []),
    ...(typeof production === 'number' ? [{ key: ProductionMetricKey, value: production }] : []),
  ];
}
