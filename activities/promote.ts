import {
  promoteVersion,
  rollbackProduction,
  type DecisionOutcome,
  type DecisionRecord,
  type ProductionSwitch,
} from '../src/registry';
import { notifyServers } from '../src/serving/reload-notifier';
import type { ActivityDeps } from './deps';
import { withFailureMapping } from './failures';
import { callingWorkflow } from './workflow-execution';

/** Input of `promoteCandidate`. */
export interface PromoteCandidateInput {
  readonly version: string;
  /** The production version the candidate was compared with (null: none). */
  readonly expectedProduction: string | null;
}

/** Input of `recordDecision`. */
export interface RecordDecisionInput {
  readonly version: string;
  readonly outcome: DecisionOutcome;
  readonly reason: string;
  readonly approver?: string;
  readonly comment?: string;
  readonly decidedAt: string;
}

/** Tells the serving processes to reload now (best effort: they also poll `models/production`). */
async function notifyServing(deps: ActivityDeps, result: ProductionSwitch): Promise<void> {
  if (deps.servingReload) await notifyServers(deps.servingReload, deps.logger, result.production);
}

/** Registry-changing activities. */
export function createPromoteActivities(deps: ActivityDeps) {
  return {
    /** Verifies checksums, then switches production to the candidate atomically, keeping the old one as backup. */
    async promoteCandidate(input: PromoteCandidateInput): Promise<ProductionSwitch> {
      return withFailureMapping(async () => {
        const result = await promoteVersion(
          deps.registry,
          input.version,
          input.expectedProduction ?? undefined,
        );
        deps.logger.info(result, 'production switched');
        await notifyServing(deps, result);
        return result;
      });
    },
    /** The production and rollback-target versions now (null when absent). */
    async readProductionPointers(): Promise<{ production: string | null; previous: string | null }> {
      return {
        production: (await deps.registry.productionVersion()) ?? null,
        previous: (await deps.registry.previousVersion()) ?? null,
      };
    },
    /**
     * Points production back at the previous version (the backup kept by the last
     * promotion), provided the pointers are still as `expected`; a retry after a
     * successful switch is a no-op.
     */
    async rollbackProduction(expected: {
      production: string | null;
      previous: string | null;
    }): Promise<ProductionSwitch> {
      return withFailureMapping(async () => {
        const result = await rollbackProduction(deps.registry, {
          production: expected.production ?? undefined,
          previous: expected.previous ?? undefined,
        });
        deps.logger.info(result, 'production rolled back');
        await notifyServing(deps, result);
        return result;
      });
    },
    /** Stores the outcome (and approver, comment, time) with the model version. */
    async recordDecision(input: RecordDecisionInput): Promise<DecisionRecord> {
      const { workflowId } = callingWorkflow();
      return withFailureMapping(() =>
        deps.registry.writeDecision(input.version, {
          outcome: input.outcome,
          reason: input.reason,
          decidedAt: input.decidedAt,
          ...(input.approver ? { approver: input.approver } : {}),
          ...(input.comment ? { comment: input.comment } : {}),
          workflowId,
        }),
      );
    },
  };
}
