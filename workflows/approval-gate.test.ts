import { judgeAnswer, type ApprovalGate } from './approval-gate';
import type { ApprovalRecord, RetrainStatus } from './retrain-messages';

const waiting: RetrainStatus = { stage: 'awaiting_approval' };
const open: ApprovalGate = { window: 'open', approvers: null, deadline: '2026-12-05T10:00:00.000Z' };
const approvedByAna: ApprovalRecord = {
  decision: 'approve',
  approver: 'ana',
  comment: '',
  decidedAt: '2026-11-30T09:00:00.000Z',
  via: 'update',
};

describe('judgeAnswer', () => {
  it('accepts an answer while the window is open', () => {
    expect(judgeAnswer(open, waiting, undefined, 'approve', { approver: 'ana' })).toEqual({ kind: 'accept' });
  });

  it('refuses an empty approver', () => {
    expect(judgeAnswer(open, waiting, undefined, 'approve', { approver: '  ' })).toEqual({
      kind: 'refuse',
      reason: 'approver must not be empty',
    });
  });

  it('refuses before the candidate was evaluated, naming the stage', () => {
    const verdict = judgeAnswer(
      { window: 'not_open', approvers: null },
      { stage: 'training' },
      undefined,
      'approve',
      {
        approver: 'ana',
      },
    );
    expect(verdict).toEqual({
      kind: 'refuse',
      reason: 'the workflow is not awaiting approval yet (stage: training)',
    });
  });

  it('takes only names on the APPROVERS list, case-insensitively', () => {
    const listed: ApprovalGate = { ...open, approvers: ['ana', 'bob'] };
    expect(judgeAnswer(listed, waiting, undefined, 'approve', { approver: ' Ana ' })).toEqual({
      kind: 'accept',
    });
    expect(judgeAnswer(listed, waiting, undefined, 'reject', { approver: 'mallory' })).toEqual({
      kind: 'refuse',
      reason: `"mallory" may not approve or reject: not in the worker's APPROVERS list`,
    });
  });

  it('refuses after the deadline, saying when the window closed and what it meant', () => {
    const verdict = judgeAnswer({ ...open, window: 'timed_out' }, waiting, undefined, 'approve', {
      approver: 'ana',
    });
    expect(verdict.kind).toBe('refuse');
    expect(verdict.kind === 'refuse' && verdict.reason).toBe(
      'the approval window closed at 2026-12-05T10:00:00.000Z without an answer; the candidate counted as ' +
        'rejected (timed_out). Start a new retrain to try again',
    );
  });

  it('treats the same decision again as a harmless repeat, and refuses the opposite one', () => {
    const decided: ApprovalGate = { ...open, window: 'decided' };
    expect(judgeAnswer(decided, waiting, approvedByAna, 'approve', { approver: 'bob' })).toEqual({
      kind: 'repeat',
    });
    expect(judgeAnswer(decided, waiting, approvedByAna, 'reject', { approver: 'bob' })).toEqual({
      kind: 'refuse',
      reason: 'already approved by ana at 2026-11-30T09:00:00.000Z',
    });
  });

  it('checks the list before revealing anything about the decision', () => {
    const decided: ApprovalGate = { window: 'decided', approvers: ['ana'] };
    const verdict = judgeAnswer(decided, waiting, approvedByAna, 'reject', { approver: 'mallory' });
    expect(verdict.kind === 'refuse' && verdict.reason).toContain('not in the worker');
  });
});
