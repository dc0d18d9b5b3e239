/**
 * The approval gate's rules, as a pure function the retrain workflow calls
 * from its signal handlers and its update validator (workflow-safe: no I/O).
 */
import type { ApprovalInput, ApprovalRecord, RetrainStatus } from './retrain-messages';

/** Where the approval gate is, and who may answer. */
export interface ApprovalGate {
  readonly window: 'not_open' | 'open' | 'decided' | 'timed_out';
  /** Names from the worker's APPROVERS, trimmed and lower-case (see parseApprovers); null: anyone. */
  readonly approvers: readonly string[] | null;
  readonly deadline?: string;
}

/** What to do with an approve or reject. */
export type AnswerVerdict =
  | { readonly kind: 'accept' }
  | { readonly kind: 'repeat' }
  | { readonly kind: 'refuse'; readonly reason: string };

/**
 * Decides whether an answer can be taken now: refused when the approver is
 * empty or not allowed, when the gate is not open yet or closed by the
 * deadline, or when the other decision was already recorded; a repeat of the
 * recorded decision is harmless.
 */
export function judgeAnswer(
  gate: ApprovalGate,
  status: RetrainStatus,
  approval: ApprovalRecord | undefined,
  decision: 'approve' | 'reject',
  answer: ApprovalInput | undefined,
): AnswerVerdict {
  const refuse = (reason: string): AnswerVerdict => ({ kind: 'refuse', reason });
  if (typeof answer?.approver !== 'string' || answer.approver.trim() === '')
    return refuse('approver must not be empty');
  if (gate.window === 'not_open')
    return refuse(`the workflow is not awaiting approval yet (stage: ${status.stage})`);
  if (gate.approvers && !gate.approvers.includes(answer.approver.trim().toLowerCase())) {
    return refuse(
      `"${answer.approver.trim()}" may not approve or reject: not in the worker's APPROVERS list`,
    );
  }
  if (gate.window === 'timed_out') {
    return refuse(
      `the approval window closed at ${gate.deadline ?? 'its deadline'} without an answer; ` +
        'the candidate counted as rejected (timed_out). Start a new retrain to try again',
    );
  }
  if (approval) {
    if (approval.decision === decision) return { kind: 'repeat' };
    return refuse(
      `already ${approval.decision === 'approve' ? 'approved' : 'rejected'} by ${approval.approver} at ${approval.decidedAt}`,
    );
  }
  return { kind: 'accept' };
}
