/**
 * Which model version answers a request: the seam where shadow and canary
 * experiments plug in. The server asks its router once per request, after the
 * body is validated; the decision's `arm` is written with every logged
 * prediction, so outcomes can be joined per arm.
 */
import type { PredictionRoute } from './prediction-log/entry';

/** What a router knows about a request. */
export interface RouteContext {
  readonly route: PredictionRoute;
  /** The version the request named (`/versions/{v}/infer`, `/versions/{v}:predict`), if any. */
  readonly requestedVersion?: string;
  /** A stable key of the end client when the request carries one (rank's `client_id`), for sticky assignment. */
  readonly clientKey?: string;
  /** The version production answers with in this process now (the request holds it). */
  readonly productionVersion: string | undefined;
}

/** The experiment a request takes part in: both versions score its rows. */
export interface RoutedRequestExperiment {
  readonly id: string;
  readonly candidate: string;
  readonly production: string;
  readonly stage: string;
}

/** The router's answer. */
export interface RouteDecision {
  readonly version: string;
  /** Logged with each prediction: `production`, `pinned`, or an experiment's arm name. */
  readonly arm: string;
  /** Set when the request is part of an experiment: the other version scores alongside. */
  readonly experiment?: RoutedRequestExperiment;
}

/** Chooses the version that answers a request. */
export interface PredictionRouter {
  /** Undefined: no version can answer (no production yet). */
  route(context: RouteContext): RouteDecision | undefined;
  /** Re-reads what the router routes by (called on every poll and reload of the server). */
  refresh?(): Promise<void>;
}

/** The default: the version a request names, else production. */
export const productionRouter: PredictionRouter = {
  route(context) {
    if (context.requestedVersion !== undefined) return { version: context.requestedVersion, arm: 'pinned' };
    if (context.productionVersion === undefined) return undefined;
    return { version: context.productionVersion, arm: 'production' };
  },
};
