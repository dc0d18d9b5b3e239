import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { ProductionSwitch } from '../src/registry/promotion';
import { NON_RETRYABLE_FAILURE_TYPES } from '../src/core/errors';
import { promoteInputSchema } from './input-schemas';
import { keepTrying, PERSISTENT_ROUND } from './keep-trying';
import { durationMs, parseOrRefuse } from './payload';
import { DEFAULT_PROMOTION_TIMEOUT } from './retrain';

const { readApprovedCandidate } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});
const persistent = proxyActivities<Activities>(PERSISTENT_ROUND);

/** Input of {@link promoteWorkflow}. */
export interface PromoteInput {
  /** An approved version (`models list` shows its stage as approved). */
  readonly version: string;
  /** Who asked: kept in the workflow history as the audit trail. */
  readonly requestedBy: string;
  /** How long to keep trying to switch production. @default '1 day' */
  readonly promotionTimeout?: string;
}

/** What promoting did. */
export interface PromoteResult extends ProductionSwitch {
  readonly version: string;
  /** Who approved it, as recorded by its retrain. */
  readonly approver: string | null;
}

/** The promote workflow's ID: one promotion of a version at a time. */
export function promoteWorkflowId(version: string): string {
  return `promote-${version}`;
}

/**
 * Switches production to a candidate a human already approved, without a
 * retrain — for a retrain whose switch gave up (a disk that stayed full or
 * read-only for longer than its `promotionTimeout`). Refuses a version with no
 * recorded approval, and production that moved since the candidate was
 * compared with it; keeps trying (and alerting) through infrastructure errors.
 */
export async function promoteWorkflow(raw: PromoteInput): Promise<PromoteResult> {
  const input = parseOrRefuse(promoteInputSchema, raw); // before any work
  const candidate = await readApprovedCandidate({ version: input.version });
  const approver = candidate.approval.approver ?? null;
  const switched = await keepTrying(
    () =>
      persistent.promoteCandidate({
        version: input.version,
        expectedProduction: candidate.comparedWith,
        // The trail names the approver; the comment says who finished the switch.
        ...(approver ? { approver } : {}),
        comment: [candidate.approval.comment, `promoted by ${input.requestedBy} with legalaid-mlops promote`]
          .filter(Boolean)
          .join('; '),
      }),
    {
      what: `switching production to ${input.version}`,
      giveUpAfterMs: durationMs(input.promotionTimeout ?? DEFAULT_PROMOTION_TIMEOUT),
    },
  );
  await keepTrying(
    () =>
      persistent.recordOutcome({
        version: input.version,
        outcome: 'promoted',
        reason: candidate.promoted
          ? candidate.approval.reason
          : `${candidate.approval.reason} Promoted by ${input.requestedBy} with legalaid-mlops promote.`,
        ...(candidate.approval.approver ? { approver: candidate.approval.approver } : {}),
        ...(candidate.approval.comment ? { comment: candidate.approval.comment } : {}),
        decidedAt: candidate.approval.decidedAt,
      }),
    { what: `recording the promotion of ${input.version}` },
  );
  return { ...switched, version: input.version, approver };
}
