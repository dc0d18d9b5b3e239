/**
 * What the HTTP layer is built from, and what it keeps per request.
 */
import type { AppLogger } from '../../logging/logger';
import type { BearerTokens } from '../auth';
import type { ServingConfig } from '../config';
import type { ServingExplanations } from '../explanations';
import type { ServingMetrics } from '../metrics';
import type { ModelManager, ReloadResult } from '../models/model-manager';
import type { VersionLease } from '../models/loaded-version';
import type { PredictionLogWriter } from '../prediction-log/writer';
import type { PredictionRouter } from '../routing';
import type { MonitoringRouteDeps } from './routes-monitoring';

/** A reload as the admin route reports it: one result per server process. */
export interface ReloadReport {
  readonly results: readonly (ReloadResult & { readonly worker?: string })[];
}

/** Everything the routes use. */
export interface ServingAppDeps {
  readonly config: Pick<ServingConfig, 'maxRows' | 'bodyLimitBytes'>;
  readonly models: ModelManager;
  readonly predictionLog: PredictionLogWriter;
  readonly metrics: ServingMetrics;
  readonly apiKeys: BearerTokens;
  readonly adminKeys: BearerTokens;
  /** @default productionRouter */
  readonly router?: PredictionRouter;
  /** Runs a reload in this process, or in every process of a cluster. */
  readonly reload: () => Promise<ReloadReport>;
  /** The Prometheus text of this process, or of the whole cluster. @default this process's registry */
  readonly metricsText?: () => Promise<string>;
  /** False while draining at shutdown: readiness turns 503 so balancers stop sending. */
  readonly isAccepting: () => boolean;
  /** Explanations on the rank route; absent: `"explain": true` is refused (400 NOT_ENABLED). */
  readonly explanations?: ServingExplanations;
  /** Where failed requests (500s) are logged. */
  readonly logger: AppLogger;
  /** Outcomes in and the dashboard out (`POST /v1/outcomes`, `GET /dashboard`). */
  readonly monitoring?: MonitoringRouteDeps;
}

/** How a route is treated by the shared hooks. */
export interface RouteKind {
  /** Metric label of the route. */
  readonly metric: string;
  /** `predict`: SERVING_API_KEYS when set; `admin`: always a token; `open`: none. */
  readonly auth: 'predict' | 'admin' | 'open';
  /** Take a lease on production when the request arrives. */
  readonly predicts?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Leases this request holds; released when the response is sent. */
    leases: VersionLease[] | null;
    /** The version that answered, for the request metric. */
    servedVersion: string | null;
  }
  interface FastifyContextConfig {
    kind?: RouteKind;
  }
}
