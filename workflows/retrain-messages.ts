/**
 * The retrain workflow's public surface: its input and result, the signals,
 * update and query people and tools use on it, and the names they go by.
 * Clients import these definitions; the `temporal` CLI uses the names.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ClassificationMetrics } from '../src/metrics';
import type { PromotionDecision, PromotionPolicy } from '../src/evaluation';
import type { TrainingParams } from '../src/model';
import type { DecisionOutcome } from '../src/registry/records';
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
  /** Task queue of the training activity, when training runs on its own workers. @default the workflow's queue */
  readonly trainingTaskQueue?: string;
  /** Who or what asked for the retrain (a person, `schedule`, `ci`). */
  readonly requestedBy?: string;
  /**
   * Index the run with the pipeline's custom search attributes. Turn off only on a
   * server where they cannot be registered (the time-skipping test server knows a
   * fixed set). @default true
   */
  readonly recordSearchAttributes?: boolean;
}

/** Where a retrain is. */
export const RetrainStage = {
  Starting: 'starting',
  Snapshotting: 'snapshotting',
  Training: 'training',
  Evaluating: 'evaluating',
  AwaitingApproval: 'awaiting_approval',
  Promoting: 'promoting',
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
export interface ApprovalInput {
  /** Who decides; must not be empty. */
  readonly approver: string;
  readonly comment?: string;
}

/** The update's argument: an approval or a rejection. */
export interface DecisionInput extends ApprovalInput {
  readonly decision: 'approve' | 'reject';
}

/** What the workflow recorded from a human decision. */
export interface ApprovalRecord {
  readonly decision: 'approve' | 'reject';
  readonly approver: string;
  readonly comment: string;
  readonly decidedAt: string;
  /** How the decision arrived. */
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
  readonly decision?: PromotionDecision;
  readonly approvalDeadline?: string;
  readonly approval?: ApprovalRecord;
  readonly outcome?: DecisionOutcome;
}

/** How the retrain ended. */
export interface RetrainResult {
  readonly outcome: DecisionOutcome;
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
 * Approve or reject with an answer: the validator refuses the call (and nothing
 * is written to history) when the workflow is not awaiting approval or the
 * approver is empty. `temporal workflow update execute --name approval --input '{"decision":"approve","approver":"ana"}'`
 */
export const approvalUpdate = defineUpdate<ApprovalRecord, [DecisionInput]>('approval');
/** Stage, training progress, metrics side by side, decision and reason. */
export const statusQuery = defineQuery<RetrainStatus>('status');
/** Sent by the training activity after each epoch. */
export const trainingProgressSignal = defineSignal<[TrainingProgress]>(TRAINING_PROGRESS_SIGNAL);
