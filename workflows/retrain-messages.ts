/**
 * The retrain workflow's public surface: its input and result, the signals,
 * update and query people and tools use on it, and the names they go by.
 * Clients import these definitions; the `temporal` CLI uses the names.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CarriedControl } from '../src/experiments/experiment-input';
import type { ExperimentReport } from '../src/experiments/experiment-stats';
import type { ExperimentSettingsInput } from '../src/experiments/settings';
import type { ClassificationMetrics } from '../src/metrics';
import type { PromotionVerdict, PromotionPolicy } from '../src/evaluation';
import type { TrainingParams } from '../src/model';
import type { ImportanceSummary } from '../src/pipeline/importance-summary';
import type { RetrainOutcome } from '../src/registry/records';
import { TRAINING_PROGRESS_SIGNAL } from '../src/core/signals';

/** What a retrain is asked to do. */
export interface RetrainInput {
  /** CSV to train on, relative to the project's data folder or absolute inside it. */
  readonly datasetPath: string;
  /** md5 of the dataset as the starter saw it; the snapshot must match (guards against a file changed in between). */
  readonly expectedDatasetMd5?: string;
  /** Overrides of the training defaults (epochs, batch size, seed, …). */
  readonly trainingParams?: Partial<TrainingParams>;
  /** Overrides of the promotion rule (primary metric, floors, guardrails). */
  readonly promotionPolicy?: Partial<PromotionPolicy>;
  /** How long to wait for a human before counting it as a rejection. @default '7 days' */
  readonly approvalTimeout?: string;
  /** Heartbeat timeout of the training activity: how fast a dead worker is noticed. @default '2 minutes' */
  readonly trainingHeartbeatTimeout?: string;
  /**
   * How long to keep trying to switch production after an approval (a full or
   * read-only disk may need a person) before giving up; the approved candidate
   * can then be promoted with `legalaid-mlops promote <version>`. @default '1 day'
   */
  readonly promotionTimeout?: string;
  /**
   * Ignored: where training runs is the workers' setting (MLOPS_TRAINING_TASK_QUEUE),
   * read by the workflow. Honoured only by retrains started before that (replays).
   * @deprecated
   */
  readonly trainingTaskQueue?: string;
  /** Who or what asked for the retrain (a person, `schedule`, `ci`). */
  readonly requestedBy?: string;
  /**
   * Index the run with the pipeline's custom search attributes. Turn off only on a
   * server where they cannot be registered (the time-skipping test server knows a
   * fixed set). @default true
   */
  readonly recordSearchAttributes?: boolean;
  /**
   * An experiment on live traffic after the candidate qualifies and before a
   * person is asked (see {@link RetrainExperimentInput}). @default { policy: 'off' }
   */
  readonly experiment?: RetrainExperimentInput;
}

/** Whether and how a retrain tries its qualifying candidate on live traffic before asking for approval. */
export const RetrainExperimentPolicy = {
  /** No experiment: the retrain asks for approval right after the comparison (as before experiments). */
  Off: 'off',
  /** Every request is also scored by the candidate; production answers; decided on the paired log loss. */
  Shadow: 'shadow',
  /** Shadow first, then a share of clients (sticky by client id) answered by the candidate. */
  ShadowThenCanary: 'shadow_then_canary',
} as const;
export type RetrainExperimentPolicy = (typeof RetrainExperimentPolicy)[keyof typeof RetrainExperimentPolicy];

/**
 * The experiment a retrain runs (as a child experiment workflow that decides
 * and reports; the retrain's own gate asks for approval). Unset settings take
 * the experiment's defaults (see `src/experiments/experiment-input.ts`).
 */
export interface RetrainExperimentInput {
  readonly policy: RetrainExperimentPolicy;
  /** Share of clients the candidate answers in the canary (0 < share ≤ 0.5). @default 0.1 */
  readonly canaryShare?: number;
  /** How often a batch is analysed. @default '5 minutes' */
  readonly batchInterval?: string;
  /** How long the shadow stage runs before the canary. @default '1 hour' */
  readonly shadowDuration?: string;
  /** The experiment ends "inconclusive" after this long (the retrain then asks for approval). @default '14 days' */
  readonly maxDuration?: string;
  /** Batches per workflow run before continue-as-new. @default 500 */
  readonly batchesPerRun?: number;
  /** The sequential test's level, metric, mixing, burn-in and the guardrails' limits. */
  readonly settings?: ExperimentSettingsInput;
}

/** How a retrain's experiment ended (it decides and reports; it never promotes). */
export type RetrainExperimentOutcome =
  'candidate_better' | 'candidate_worse' | 'rolled_back' | 'inconclusive' | 'aborted';

/** The experiment part of a retrain's status. */
export interface RetrainExperimentStatus {
  readonly policy: Exclude<RetrainExperimentPolicy, 'off'>;
  /**
   * `running`: live numbers with `legalaid-mlops experiment status <workflowId>`;
   * `decided`: the numbers below are final; `skipped`: none ran (`reason` says why).
   */
  readonly state: 'running' | 'decided' | 'skipped';
  /** The child experiment workflow. */
  readonly workflowId?: string;
  readonly outcome?: RetrainExperimentOutcome;
  readonly reason?: string;
  /** Per-arm counts, effect, confidence sequence and p-value of both tests, the last guardrail window. */
  readonly report?: ExperimentReport | null;
  /** Share changes, pauses and resumes people sent the experiment, with who and when. */
  readonly controls?: readonly CarriedControl[];
}

/** Where a retrain is. */
export const RetrainStage = {
  Starting: 'starting',
  Snapshotting: 'snapshotting',
  Training: 'training',
  Evaluating: 'evaluating',
  /** The candidate qualified and runs an experiment on live traffic (policy other than off). */
  Experimenting: 'experimenting',
  AwaitingApproval: 'awaiting_approval',
  Promoting: 'promoting',
  /** Production switched (outcome promoted); decision.json or the run record still being written. */
  RecordsPending: 'records_pending',
  Completed: 'completed',
} as const;
export type RetrainStage = (typeof RetrainStage)[keyof typeof RetrainStage];

/** One epoch's numbers, sent by the training activity. */
export interface TrainingProgress {
  readonly epoch: number;
  readonly maxEpochs: number;
  readonly loss: number;
  readonly valLoss: number;
  readonly valRocAuc: number | null;
  readonly bestValRocAuc: number | null;
  readonly bestEpoch: number;
  readonly resumedFromEpoch: number;
}

/** A human's answer to "promote this candidate?". */
export type Answer = 'approve' | 'reject';

/** The argument of the `approve` and `reject` signals. */
export interface ApprovalInput {
  /** Who answers; a non-empty string. */
  readonly approver: string;
  readonly comment?: string;
}

/**
 * The argument of the `approval` update. (`decision` is accepted in place of
 * `answer`, its name before.)
 */
export interface AnswerInput extends ApprovalInput {
  readonly answer: Answer;
}

/** The answer the workflow took. */
export interface ApprovalRecord {
  readonly answer: Answer;
  readonly approver: string;
  readonly comment: string;
  readonly answeredAt: string;
  /** How the answer arrived. */
  readonly via: 'signal' | 'update';
}

/** The `status` query's answer. */
export interface RetrainStatus {
  readonly stage: RetrainStage;
  readonly datasetMd5?: string;
  readonly datasetRows?: number;
  readonly version?: string;
  readonly progress?: TrainingProgress;
  readonly candidateMetrics?: ClassificationMetrics;
  readonly production?: { readonly version: string; readonly metrics: ClassificationMetrics } | null;
  /** The promotion rule's verdict: does the candidate qualify? */
  readonly verdict?: PromotionVerdict;
  /** What the candidate and production rely on (top columns), and what moved; a qualifying candidate only. */
  readonly importance?: ImportanceSummary;
  /** The experiment on live traffic (a retrain with an experiment policy other than off). */
  readonly experiment?: RetrainExperimentStatus;
  readonly approvalDeadline?: string;
  /** The human's answer. */
  readonly approval?: ApprovalRecord;
  readonly outcome?: RetrainOutcome;
  /** Why a step keeps failing while the workflow keeps trying (a full disk, a read-only folder). */
  readonly trouble?: string;
}

/** How the retrain ended. */
export interface RetrainResult {
  readonly outcome: RetrainOutcome;
  readonly reason: string;
  readonly version: string;
  readonly datasetMd5: string;
  readonly candidateMetrics: ClassificationMetrics;
  readonly productionVersionBefore: string | null;
  readonly productionVersionAfter: string | null;
  readonly approval?: ApprovalRecord;
}

/** `temporal workflow signal --name approve --input '{"approver":"ana","comment":"looks good"}'` */
export const approveSignal = defineSignal<[ApprovalInput]>('approve');
/** `temporal workflow signal --name reject --input '{"approver":"ana","comment":"recall too low"}'` */
export const rejectSignal = defineSignal<[ApprovalInput]>('reject');
/**
 * Approve or reject: the validator refuses the call (and nothing is written to
 * history) when the payload is malformed, the workflow is not awaiting
 * approval, or the approver may not answer.
 * `temporal workflow update execute --name approval --input '{"answer":"approve","approver":"ana"}'`
 */
export const approvalUpdate = defineUpdate<ApprovalRecord, [AnswerInput]>('approval');
/** Stage, training progress, metrics side by side, verdict, answer and outcome. */
export const statusQuery = defineQuery<RetrainStatus>('status');
/** Sent by the training activity after each epoch. */
export const trainingProgressSignal = defineSignal<[TrainingProgress]>(TRAINING_PROGRESS_SIGNAL);
