/**
 * The experiment workflow's public surface: input, status, result, the
 * controls people and tools send (an update with a validator, and signals
 * for the stock `temporal` CLI), and their names. Every control is parsed
 * with zod in the workflow before use, so nothing a caller sends can throw
 * inside workflow code.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { MAX_CANARY_SHARE } from '../src/core/experiments';
import type { ExperimentPolicy } from '../src/experiments/experiment-input';
import type { ExperimentReport } from '../src/experiments/experiment-stats';
import type { GuardrailReport } from '../src/experiments/guardrails';
import type { ExperimentTimeline } from '../src/experiments/timeline';
import type { ApprovalRecord } from './retrain-messages';

export type {
  ExperimentCarry,
  ExperimentInput,
  ExperimentOptions,
  ExperimentPolicy,
} from '../src/experiments/experiment-input';

/** Where an experiment is. */
export const ExperimentStage = {
  Starting: 'starting',
  Shadow: 'shadow',
  Canary: 'canary',
  AwaitingApproval: 'awaiting_approval',
  Promoting: 'promoting',
  Completed: 'completed',
} as const;
export type ExperimentStage = (typeof ExperimentStage)[keyof typeof ExperimentStage];

/** How an experiment ended. */
export type ExperimentOutcome =
  | 'promoted'
  | 'rejected'
  | 'timed_out'
  | 'candidate_better'
  | 'candidate_worse'
  | 'rolled_back'
  | 'inconclusive'
  | 'aborted';

/** A control a person or tool sent, as recorded. */
export interface ControlRecord {
  readonly action: ControlAction;
  readonly by: string;
  readonly at: string;
  readonly share?: number;
  readonly reason?: string;
  readonly via: 'signal' | 'update';
}

export type ControlAction = 'set_share' | 'pause' | 'resume' | 'abort';

const by = z.string().trim().min(1, 'must name who asks').max(200);
const reason = z.string().max(2000).optional();

/** One control: change the canary share (0–50 %), pause, resume, abort. */
export const controlInputSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('set_share'),
    share: z.number().min(0).max(MAX_CANARY_SHARE),
    by,
    reason,
  }),
  z.strictObject({ action: z.literal('pause'), by, reason }),
  z.strictObject({ action: z.literal('resume'), by, reason }),
  z.strictObject({ action: z.literal('abort'), by, reason }),
]);
export type ControlInput = z.input<typeof controlInputSchema>;

/** The signals' argument (the action is the signal's name). */
export const signalControlSchema = z.strictObject({
  share: z.number().min(0).max(MAX_CANARY_SHARE).optional(),
  by,
  reason,
});
export type SignalControlInput = z.input<typeof signalControlSchema>;

/** The `status` query's answer. */
export interface ExperimentStatus {
  readonly experimentId: string;
  readonly candidate: string;
  readonly production: string | null;
  readonly policy: ExperimentPolicy;
  readonly stage: ExperimentStage;
  readonly paused: boolean;
  readonly canaryShare: number;
  readonly startedAt: string;
  readonly deadline: string | null;
  /** Per-arm counts, effect, confidence sequence and p-value of both tests, the last guardrail window. */
  readonly report: ExperimentReport | null;
  /** The last guardrail window that broke a limit, if any. */
  readonly breach: GuardrailReport | null;
  readonly controls: readonly ControlRecord[];
  readonly approvalDeadline?: string;
  readonly approval?: ApprovalRecord;
  readonly outcome?: ExperimentOutcome;
  readonly reason?: string;
  /** Runs of this experiment so far (continue-as-new). */
  readonly run: number;
  /** The course batch by batch (bounded), for the HTML report; null before the first run started. */
  readonly timeline: ExperimentTimeline | null;
}

/** How an experiment ended. */
export interface ExperimentResult {
  readonly outcome: ExperimentOutcome;
  readonly reason: string;
  readonly candidate: string;
  readonly production: string | null;
  readonly report: ExperimentReport | null;
  readonly approval?: ApprovalRecord;
  readonly controls: readonly ControlRecord[];
  /** The HTML report written at the end (relative to the project root), unless writing it failed. */
  readonly reportPath?: string;
}

/** `temporal workflow update execute --name experiment-control --input '{"action":"set_share","share":0.2,"by":"ana"}'` */
export const experimentControlUpdate = defineUpdate<ControlRecord, [ControlInput]>('experiment-control');
/** `temporal workflow signal --name set-share --input '{"share":0.2,"by":"ana"}'` */
export const setShareSignal = defineSignal<[SignalControlInput]>('set-share');
/** `temporal workflow signal --name pause --input '{"by":"ana","reason":"incident"}'` */
export const pauseSignal = defineSignal<[SignalControlInput]>('pause');
/** `temporal workflow signal --name resume --input '{"by":"ana"}'` */
export const resumeSignal = defineSignal<[SignalControlInput]>('resume');
/** `temporal workflow signal --name abort --input '{"by":"ana","reason":"wrong candidate"}'` */
export const abortSignal = defineSignal<[SignalControlInput]>('abort');
/** Stage, arms, tests, guardrails and controls. */
export const experimentStatusQuery = defineQuery<ExperimentStatus>('status');
