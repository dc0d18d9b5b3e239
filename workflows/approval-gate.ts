/**
 * The approval gate of the retrain workflow: its message handlers, its rules
 * (a pure function, {@link judgeAnswer}) and the wait for an answer with a
 * deadline. Every payload is parsed before use, so nothing a caller sends can
 * throw inside the workflow.
 */
import { ApplicationFailure } from '@temporalio/common';
import { condition, log, setHandler } from '@temporalio/workflow';
import { z } from 'zod';
import { FailureType } from '../src/core/errors';
import { parsePayload } from './payload';
import {
  approvalUpdate,
  approveSignal,
  rejectSignal,
  type Answer,
  type ApprovalInput,
  type ApprovalRecord,
} from './retrain-messages';

/** Longest approver name and comment taken (a comment is kept in history, status and decision.json). */
export const MAX_APPROVER_LENGTH = 200;
export const MAX_COMMENT_LENGTH = 2000;

/** Schema of the `approve`/`reject` signal argument. */
export const approvalInputSchema = z.object({
  approver: z
    .string()
    .max(MAX_APPROVER_LENGTH)
    .refine((name) => name.trim() !== '', { message: 'must not be empty' }),
  comment: z.string().max(MAX_COMMENT_LENGTH).optional(),
});

/** Schema of the `approval` update argument; `decision` (its former name) is read as `answer`. */
export const answerInputSchema = z.preprocess(
  (value) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) && !('answer' in value)
      ? { ...value, answer: (value as { decision?: unknown }).decision }
      : value,
  approvalInputSchema.extend({
    answer: z.enum(['approve', 'reject'], { error: 'must be "approve" or "reject"' }),
  }),
);

/** Where the approval gate is, and who may answer. */
export interface GateState {
  readonly window: 'not_open' | 'open' | 'answered' | 'timed_out';
  /** Names from the worker's APPROVERS, trimmed and lower-case (see parseApprovers); null: anyone. */
  readonly approvers: readonly string[] | null;
  readonly deadline?: string;
}

/** What to do with an approve or reject. */
export type AnswerJudgement =
  | { readonly kind: 'accept' }
  | { readonly kind: 'repeat' }
  | { readonly kind: 'refuse'; readonly reason: string; readonly final: boolean };

/**
 * Decides whether an answer can be taken now: refused when the approver is not
 * allowed, when the gate is not open yet (`final: false`: it may open) or
 * closed by the deadline, or when the other answer was already taken; a repeat
 * of the taken answer is harmless.
 */
export function judgeAnswer(
  gate: GateState,
  stage: string,
  taken: ApprovalRecord | undefined,
  answer: Answer,
  input: { readonly approver: string },
): AnswerJudgement {
  const refuse = (reason: string, final = true): AnswerJudgement => ({ kind: 'refuse', reason, final });
  const approver = input.approver.trim();
  if (approver === '') return refuse('approver must not be empty');
  if (gate.window === 'not_open')
    return refuse(`the workflow is not awaiting approval yet (stage: ${stage})`, false);
  if (gate.approvers && !gate.approvers.includes(approver.toLowerCase())) {
    return refuse(`"${approver}" may not approve or reject: not in the worker's APPROVERS list`);
  }
  if (gate.window === 'timed_out') {
    return refuse(
      `the approval window closed at ${gate.deadline ?? 'its deadline'} without an answer; ` +
        'the candidate counted as rejected (timed_out). Start a new retrain to try again',
    );
  }
  if (taken) {
    if (taken.answer === answer) return { kind: 'repeat' };
    return refuse(
      `already ${taken.answer === 'approve' ? 'approved' : 'rejected'} by ${taken.approver} at ${taken.answeredAt}`,
    );
  }
  return { kind: 'accept' };
}

/**
 * The gate as the retrain and experiment workflows use it: {@link ApprovalGate.install} its
 * handlers at the start, {@link ApprovalGate.open} it once the candidate
 * qualifies, then {@link ApprovalGate.awaitAnswer} until the deadline.
 */
export class ApprovalGate {
  private state: GateState = { window: 'not_open', approvers: null };
  private taken: ApprovalRecord | undefined;

  /**
   * @param stage - where the workflow is, for refusals that name it
   * @param onAnswer - told the answer once it is taken (the status shows it)
   */
  constructor(
    private readonly stage: () => string,
    private readonly onAnswer: (record: ApprovalRecord) => void,
  ) {}

  /** The answer taken, if any. */
  get answer(): ApprovalRecord | undefined {
    return this.taken;
  }

  /**
   * Installs the `approve`/`reject` signal handlers and the `approval` update.
   * Signals cannot be refused, so malformed, unauthorised or late ones are
   * logged and ignored; the update's validator refuses the same cases before
   * anything is written to history — as non-retryable failures when retrying
   * the same call can never succeed.
   */
  install(): void {
    const onSignal = (answer: Answer) => (payload: unknown) => {
      const parsed = parsePayload(approvalInputSchema, payload);
      if (!parsed.ok) {
        log.warn(`Ignoring ${answer} signal: ${parsed.problem}`);
        return;
      }
      const judgement = judgeAnswer(this.state, this.stage(), this.taken, answer, parsed.value);
      if (judgement.kind === 'refuse') log.warn(`Ignoring ${answer} signal: ${judgement.reason}`);
      else if (judgement.kind === 'repeat') log.info(`Repeated ${answer} signal ignored: already taken`);
      else this.take(answer, parsed.value, 'signal');
    };
    setHandler(approveSignal, onSignal('approve'));
    setHandler(rejectSignal, onSignal('reject'));
    setHandler(
      approvalUpdate,
      (payload: unknown) => {
        // The validator accepted it (replays of older histories skip validators: parsed again).
        const parsed = parsePayload(answerInputSchema, payload);
        if (!parsed.ok) throw ApplicationFailure.nonRetryable(parsed.problem, FailureType.InvalidInput);
        return this.taken ?? this.take(parsed.value.answer, parsed.value, 'update');
      },
      {
        validator: (payload: unknown) => {
          const parsed = parsePayload(answerInputSchema, payload);
          if (!parsed.ok) throw ApplicationFailure.nonRetryable(parsed.problem, FailureType.InvalidInput);
          const input = parsed.value;
          const judgement = judgeAnswer(this.state, this.stage(), this.taken, input.answer, input);
          if (judgement.kind !== 'refuse') return;
          if (judgement.final) throw ApplicationFailure.nonRetryable(judgement.reason, 'ApprovalRefused');
          throw ApplicationFailure.retryable(judgement.reason, 'ApprovalNotOpen');
        },
      },
    );
  }

  /** Opens the gate to the given approvers (null: anyone) until `deadline`. */
  open(approvers: readonly string[] | null, deadline: string): void {
    this.state = { window: 'open', approvers, deadline };
  }

  /**
   * Waits for an answer until the deadline. On timeout the gate closes before
   * anything else is awaited, so a late answer cannot slip in.
   *
   * @returns the answer, or undefined when none came in time
   */
  async awaitAnswer(timeoutMs: number): Promise<ApprovalRecord | undefined> {
    const answered = await condition(() => this.taken !== undefined, timeoutMs);
    if (!answered) this.state = { ...this.state, window: 'timed_out' };
    return this.taken;
  }

  private take(answer: Answer, input: ApprovalInput, via: ApprovalRecord['via']): ApprovalRecord {
    const record: ApprovalRecord = {
      answer,
      approver: input.approver.trim(),
      comment: input.comment?.trim() ?? '',
      answeredAt: new Date().toISOString(),
      via,
    };
    this.taken = record;
    this.state = { ...this.state, window: 'answered' };
    this.onAnswer(record);
    return record;
  }
}
