/**
 * The router of shadow and canary experiments: reads the routing table the
 * experiment workflow publishes (`models/routing.json`, see
 * `src/experiments/routing-table.ts`) and sends each request to its arm.
 *
 * - shadow: production answers; the candidate scores the same rows alongside;
 * - canary: clients in the canary share (sticky by a hash of `client_id`) are
 *   answered by the candidate, the rest by production, and the other version
 *   scores alongside in both cases; a request without a client id is answered
 *   by production (arm `unassigned`).
 *
 * The table is re-read on every poll and reload of the server, never per
 * request. A table for another production version (a promotion happened) or
 * one that does not parse means production only: serving never guesses.
 */
import { inCanary } from '../experiments/assignment';
import type { ArtifactStore } from '../storage';
import { readRoutingTable, RoutingStage, type RoutedExperiment } from '../experiments/routing-table';
import { productionRouter, type PredictionRouter, type RouteContext, type RouteDecision } from './routing';

/** Arms an experiment's rows are logged with. */
export const ExperimentArm = {
  Shadow: 'shadow',
  CanaryCandidate: 'canary_candidate',
  CanaryProduction: 'canary_production',
  Unassigned: 'unassigned',
} as const;

/** What the router tells about a table it could not take. */
export interface RouterLogger {
  warn(obj: object, msg: string): void;
}

/** A router that follows the routing table in a models folder. */
export class ExperimentRouter implements PredictionRouter {
  private experiment: RoutedExperiment | null = null;
  private lastProblem: string | undefined;

  constructor(
    private readonly modelsDir: string,
    private readonly logger?: RouterLogger,
    /** The bucket's `models/` area with MLOPS_STORE=s3://… (then the table is read from there). */
    private readonly store?: ArtifactStore,
  ) {}

  /** The experiment this process routes by now (null: production only). */
  get current(): RoutedExperiment | null {
    return this.experiment;
  }

  /** Re-reads the table; a damaged one routes to production only and is logged once per problem. */
  async refresh(): Promise<void> {
    try {
      const read = await readRoutingTable(this.modelsDir, this.store);
      this.experiment = read.table?.experiment ?? null;
      if (read.problem && read.problem !== this.lastProblem) {
        this.logger?.warn({ problem: read.problem }, 'routing table refused: production answers alone');
      }
      this.lastProblem = read.problem;
    } catch (error) {
      this.experiment = null;
      this.logger?.warn(
        { err: (error as Error).message },
        'routing table unreadable: production answers alone',
      );
    }
  }

  route(context: RouteContext): RouteDecision | undefined {
    const e = this.experiment;
    const production = context.productionVersion;
    if (
      e === null ||
      context.requestedVersion !== undefined ||
      production === undefined ||
      e.production !== production ||
      (e.stage !== RoutingStage.Shadow && e.stage !== RoutingStage.Canary)
    ) {
      return productionRouter.route(context);
    }
    const experiment = { id: e.id, candidate: e.candidate, production, stage: e.stage };
    if (e.stage === RoutingStage.Shadow) {
      return { version: production, arm: ExperimentArm.Shadow, experiment };
    }
    if (context.clientKey === undefined) {
      return { version: production, arm: ExperimentArm.Unassigned, experiment };
    }
    return inCanary(e.id, context.clientKey, e.canaryShare)
      ? { version: e.candidate, arm: ExperimentArm.CanaryCandidate, experiment }
      : { version: production, arm: ExperimentArm.CanaryProduction, experiment };
  }
}
