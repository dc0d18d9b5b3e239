import {
  parseRollbackRequest,
  planRollback,
  promoteVersion,
  RegistryError,
  RegistryErrorCode,
  RetrainOutcome,
  rollbackProduction,
  type OutcomeRecord,
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
  /** Who approved (written to history.jsonl); absent in promotions scheduled before it was recorded. */
  readonly approver?: string;
  /** The approver's comment. */
  readonly comment?: string;
}

/** What a rollback will do, as `planRollback` decided it: the pointers seen, the target, who and why. */
export interface RollbackActivityPlan {
  readonly production: string | null;
  readonly previous: string | null;
  /** The version to restore; absent in rollbacks scheduled before targets existed (then: previous). */
  readonly target?: string;
  readonly requestedBy?: string;
  readonly reason?: string;
}

/** Input of `recordOutcome`. */
export interface RecordOutcomeInput {
  readonly version: string;
  readonly outcome: RetrainOutcome;
  readonly reason: string;
  readonly approver?: string;
  readonly comment?: string;
  readonly decidedAt: string;
}

/** Tells the serving processes to reload now (best effort: they also poll `models/production`). */
async function notifyServing(deps: ActivityDeps, result: ProductionSwitch): Promise<void> {
  if (deps.servingReload) await notifyServers(deps.servingReload, deps.logger, result.production);
}

/** An approved candidate, as `promoteWorkflow` needs it. */
export interface ApprovedCandidate {
  readonly version: string;
  readonly approval: OutcomeRecord;
  /** The production version the candidate was compared with when it was approved (null: none). */
  readonly comparedWith: string | null;
  /** True when it was promoted already (a repeated promote is then a no-op). */
  readonly promoted: boolean;
}

/** Registry-changing activities. */
export function createPromoteActivities(deps: ActivityDeps) {
  const recordOutcome = async (input: RecordOutcomeInput): Promise<OutcomeRecord> => {
    const { workflowId } = callingWorkflow();
    return withFailureMapping(() =>
      deps.registry.writeOutcome(input.version, {
        outcome: input.outcome,
        reason: input.reason,
        decidedAt: input.decidedAt,
        ...(input.approver ? { approver: input.approver } : {}),
        ...(input.comment ? { comment: input.comment } : {}),
        workflowId,
      }),
    );
  };
  return {
    /** Verifies checksums, then switches production to the candidate atomically, keeping the old one as backup. */
    async promoteCandidate(input: PromoteCandidateInput): Promise<ProductionSwitch> {
      return withFailureMapping(async () => {
        const { workflowId } = callingWorkflow();
        const result = await promoteVersion(
          deps.registry,
          input.version,
          input.expectedProduction ?? undefined,
          {
            trail: {
              requestedBy: input.approver ?? 'unknown',
              ...(input.comment ? { reason: input.comment } : {}),
              workflowId,
            },
          },
        );
        deps.logger.info(result, 'production switched');
        await notifyServing(deps, result);
        return result;
      });
    },
    /**
     * The production and rollback-target versions now (null when absent). Rollbacks
     * started before `planRollback` existed replay with it.
     */
    async readProductionPointers(): Promise<{ production: string | null; previous: string | null }> {
      return {
        production: (await deps.registry.productionVersion()) ?? null,
        previous: (await deps.registry.previousVersion()) ?? null,
      };
    },
    /**
     * Parses a rollback request (the workflow's input) and decides what it
     * restores: the previous version, or the named one; a second rollback in a
     * row must name it. Nothing changes here.
     */
    async planRollback(
      request: unknown,
    ): Promise<RollbackActivityPlan & { target: string; requestedBy: string }> {
      return withFailureMapping(async () => {
        const { requestedBy, reason, to } = parseRollbackRequest(request);
        const plan = await planRollback(deps.registry, to);
        return {
          production: plan.production ?? null,
          previous: plan.previous ?? null,
          target: plan.target,
          requestedBy,
          ...(reason ? { reason } : {}),
        };
      });
    },
    /**
     * Points production at the planned version (by default the backup kept by the
     * last switch), provided the pointers are still as planned; a retry after a
     * successful switch is a no-op. Who asked and why go to history.jsonl.
     */
    async rollbackProduction(plan: RollbackActivityPlan): Promise<ProductionSwitch> {
      const { workflowId } = callingWorkflow();
      return withFailureMapping(async () => {
        const result = await rollbackProduction(
          deps.registry,
          {
            production: plan.production ?? undefined,
            previous: plan.previous ?? undefined,
            ...(plan.target ? { target: plan.target } : {}),
          },
          {
            trail: {
              requestedBy: plan.requestedBy ?? 'unknown',
              ...(plan.reason ? { reason: plan.reason } : {}),
              workflowId,
            },
          },
        );
        deps.logger.info(result, 'production rolled back');
        await notifyServing(deps, result);
        return result;
      });
    },
    /**
     * Stores the outcome (and approver, comment, time) with the model version in
     * `decision.json`: `approved` before the switch, the final outcome after it.
     */
    recordOutcome,
    /** The name `recordOutcome` had before: retrains started by an older worker still schedule it. */
    recordDecision: recordOutcome,
    /**
     * Reads the recorded approval of a version, for promoting it without a
     * retrain; refuses a version nobody approved.
     *
     * @throws RegistryError (non-retryable) when the version does not exist or is not approved
     */
    async readApprovedCandidate(input: { version: string }): Promise<ApprovedCandidate> {
      return withFailureMapping(async () => {
        await deps.registry.readManifest(input.version);
        const approval = await deps.registry.readOutcome(input.version);
        const promoted = approval?.outcome === RetrainOutcome.Promoted;
        if (!approval || (approval.outcome !== RetrainOutcome.Approved && !promoted)) {
          throw new RegistryError(
            RegistryErrorCode.InvalidRecord,
            `version ${input.version} has no recorded approval (outcome: ${approval?.outcome ?? 'none'}); ` +
              'only an approved candidate can be promoted without a retrain',
            input.version,
          );
        }
        const evaluation = await deps.registry.readEvaluation(input.version);
        return {
          version: input.version,
          approval,
          comparedWith: evaluation?.production?.version ?? null,
          promoted,
        };
      });
    },
  };
}
