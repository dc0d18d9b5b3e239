import { answerInputSchema, approvalInputSchema, judgeAnswer, type GateState } from './approval-gate';
import { parsePayload } from './payload';
import type { ApprovalRecord } from './retrain-messages';

const open: GateState = { window: 'open', approvers: null, deadline: '2026-12-05T10:00:00.000Z' };
const approvedByAna: ApprovalRecord = {
  answer: 'approve',
  approver: 'ana',
  comment: '',
  answeredAt: '2026-11-30T09:00:00.000Z',
  via: 'update',
};

describe('judgeAnswer', () => {
  it('accepts an answer while the window is open', () => {
    expect(judgeAnswer(open, 'awaiting_approval', undefined, 'approve', { approver: 'ana' })).toEqual({
      kind: 'accept',
    });
  });

  it('refuses an empty approver, for good', () => {
    expect(judgeAnswer(open, 'awaiting_approval', undefined, 'approve', { approver: '  ' })).toEqual({
      kind: 'refuse',
      reason: 'approver must not be empty',
      final: true,
    });
  });

  it('refuses before the candidate was evaluated, naming the stage, as something that may change', () => {
    const judgement = judgeAnswer({ window: 'not_open', approvers: null }, 'training', undefined, 'approve', {
      approver: 'ana',
    });
    expect(judgement).toEqual({
      kind: 'refuse',
      reason: 'the workflow is not awaiting approval yet (stage: training)',
      final: false,
    });
  });

  it('takes only names on the APPROVERS list, case-insensitively', () => {
    const listed: GateState = { ...open, approvers: ['ana', 'bob'] };
    expect(judgeAnswer(listed, 'awaiting_approval', undefined, 'approve', { approver: ' Ana ' })).toEqual({
      kind: 'accept',
    });
    expect(
      judgeAnswer(listed, 'awaiting_approval', undefined, 'reject', { approver: 'mallory' }),
    ).toMatchObject({
      kind: 'refuse',
      reason: `"mallory" may not approve or reject: not in the worker's APPROVERS list`,
    });
  });

  it('refuses after the deadline, saying when the window closed and what it meant', () => {
    const judgement = judgeAnswer(
      { ...open, window: 'timed_out' },
      'awaiting_approval',
      undefined,
      'approve',
      {
        approver: 'ana',
      },
    );
    expect(judgement.kind === 'refuse' && judgement.reason).toBe(
      'the approval window closed at 2026-12-05T10:00:00.000Z without an answer; the candidate counted as ' +
        'rejected (timed_out). Start a new retrain to try again',
    );
  });

  it('treats the same answer again as a harmless repeat, and refuses the opposite one', () => {
    const answered: GateState = { ...open, window: 'answered' };
    expect(judgeAnswer(answered, 'awaiting_approval', approvedByAna, 'approve', { approver: 'bob' })).toEqual(
      {
        kind: 'repeat',
      },
    );
    expect(judgeAnswer(answered, 'awaiting_approval', approvedByAna, 'reject', { approver: 'bob' })).toEqual({
      kind: 'refuse',
      reason: 'already approved by ana at 2026-11-30T09:00:00.000Z',
      final: true,
    });
  });

  it('checks the list before revealing anything about the answer', () => {
    const answered: GateState = { window: 'answered', approvers: ['ana'] };
    const judgement = judgeAnswer(answered, 'awaiting_approval', approvedByAna, 'reject', {
      approver: 'mallory',
    });
    expect(judgement.kind === 'refuse' && judgement.reason).toContain('not in the worker');
  });
});

describe('answer payloads', () => {
  const problem = (schema: typeof approvalInputSchema | typeof answerInputSchema, payload: unknown) => {
    const parsed = parsePayload(schema, payload);
    return parsed.ok ? undefined : parsed.problem;
  };

  it('names the field and the JSON type it got', () => {
    expect(problem(approvalInputSchema, { approver: 'ana', comment: 42 })).toBe(
      'comment must be a string, got number',
    );
    expect(problem(approvalInputSchema, { approver: 7 })).toBe('approver must be a string, got number');
    expect(problem(approvalInputSchema, { approver: { name: 'ana' } })).toBe(
      'approver must be a string, got object',
    );
    expect(problem(approvalInputSchema, { approver: ['ana'] })).toBe('approver must be a string, got array');
    expect(problem(approvalInputSchema, { approver: null })).toBe('approver must be a string, got null');
    expect(problem(approvalInputSchema, {})).toBe('approver must be a string, got nothing');
  });

  it('refuses payloads that are not objects', () => {
    for (const [payload, type] of [
      [null, 'null'],
      [42, 'number'],
      ['ana', 'string'],
      [['ana'], 'array'],
      [true, 'boolean'],
    ] as const) {
      expect(problem(approvalInputSchema, payload)).toBe(`the payload must be an object, got ${type}`);
    }
  });

  it('refuses huge strings with their length', () => {
    expect(problem(approvalInputSchema, { approver: 'ana', comment: 'x'.repeat(100_000) })).toBe(
      'comment must be at most 2000 characters, got 100000',
    );
  });

  it('takes the update answer as answer, or as decision (its name before)', () => {
    expect(parsePayload(answerInputSchema, { answer: 'approve', approver: 'ana' })).toMatchObject({
      ok: true,
    });
    expect(parsePayload(answerInputSchema, { decision: 'reject', approver: 'ana' })).toEqual({
      ok: true,
      value: { answer: 'reject', approver: 'ana' },
    });
    expect(problem(answerInputSchema, { answer: 'maybe', approver: 'ana' })).toBe(
      'answer must be "approve" or "reject"',
    );
  });
});
