import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { ProductionSwitch } from '../src/registry/promotion';
import { NON_RETRYABLE_FAILURE_TYPES } from '../src/core/errors';
import { rollbackInputSchema } from './input-schemas';
import { parseOrRefuse } from './payload';

const { readProductionPointers, rollbackProduction } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});

/** Input of {@link rollbackWorkflow}. */
export interface RollbackInput {
  /** Who asked, and why: kept in the workflow history as the audit trail. */
  readonly requestedBy: string;
  readonly reason?: string;
}

/**
 * Restores the previous production model. A workflow (not a local file
 * operation) so it runs where the registry lives and leaves an audit trail.
 */
export async function rollbackWorkflow(input: RollbackInput): Promise<ProductionSwitch> {
  parseOrRefuse(rollbackInputSchema, input); // before any work
  const seen = await readProductionPointers();
  return rollbackProduction(seen);
}
