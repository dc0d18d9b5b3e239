import { patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { ProductionSwitch } from '../src/registry/promotion';
import { NON_RETRYABLE_FAILURE_TYPES } from '../src/core/errors';
import { rollbackInputSchema } from './input-schemas';
import { parseOrRefuse } from './payload';

const { planRollback, readProductionPointers, rollbackProduction } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});

/** Input of {@link rollbackWorkflow} (parsed by its first activity with `rollbackRequestSchema`). */
export interface RollbackInput {
  /** Who asked; written to history.jsonl with the switch. */
  readonly requestedBy: string;
  /** Why; written to history.jsonl with the switch. */
  readonly reason?: string;
  /**
   * The version to restore; it must have been production before. Required when
   * the last switch was a rollback (without it that rollback would be undone).
   * @default the previous version, the backup kept by the last switch
   */
  readonly to?: string;
}

/**
 * Restores an earlier production model. A workflow (not a local file
 * operation) so it runs where the registry lives and leaves an audit trail:
 * who asked and why are written to history.jsonl with the switch. The input is
 * checked at start (a malformed request fails the rollback, non-retryable, with
 * a message naming the field) and parsed again by the activity that plans it.
 */
export async function rollbackWorkflow(input: RollbackInput): Promise<ProductionSwitch> {
  parseOrRefuse(rollbackInputSchema, input); // before any work
  if (patched('rollback-plan')) {
    const plan = await planRollback(input);
    return rollbackProduction(plan);
  }
  // Rollbacks started before plans existed replay as they ran.
  return rollbackProduction(await readProductionPointers());
}
