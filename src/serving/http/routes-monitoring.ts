/**
 * Monitoring routes on the serving process: `POST /v1/outcomes` records match
 * outcomes by prediction id (the same validation and store as
 * `outcomes import`), and `GET /dashboard` serves the monitoring dashboard the
 * monitoring workflow writes.
 */
import type { FastifyInstance } from 'fastify';
import { outcomeInputSchema, toOutcome } from '../../monitoring/outcomes/outcome';
import type { KnownPredictionIds, OutcomeStore } from '../../monitoring/outcomes/outcome-store';
import { ServingError, ServingProblem } from '../errors';
import type { RouteKind, ServingAppDeps } from './context';

/** What the monitoring routes need; without it they answer 404 NOT_ENABLED. */
export interface MonitoringRouteDeps {
  readonly outcomes: OutcomeStore;
  readonly knownIds: KnownPredictionIds;
  /** The dashboard's bytes, or undefined when none has been written yet (a local file or the bucket's copy). */
  readonly readDashboard: () => Promise<Uint8Array | undefined>;
}

interface OutcomesBody {
  readonly outcomes: readonly unknown[];
}

/** Problems of an outcome in a body. */
export const OutcomeProblem = { InvalidOutcome: 'INVALID_OUTCOME' } as const;

// The same Content-Security-Policy as the page's own meta tag: inline CSS, nothing else.
const DASHBOARD_CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** Registers the routes. */
export function registerMonitoringRoutes(app: FastifyInstance, deps: ServingAppDeps): void {
  const outcomesKind: RouteKind = { metric: 'outcomes', auth: 'predict' };
  const dashboardKind: RouteKind = { metric: 'dashboard', auth: 'open' };
  const schema = {
    body: {
      type: 'object',
      required: ['outcomes'],
      additionalProperties: false,
      properties: { outcomes: { type: 'array', minItems: 1, maxItems: deps.config.maxRows, items: {} } },
    },
  } as const;

  app.post('/v1/outcomes', { schema, config: { kind: outcomesKind } }, async (request) => {
    const monitoring = deps.monitoring;
    if (!monitoring)
      throw new ServingError(404, ServingProblem.NotEnabled, 'outcomes are not enabled on this server');
    const body = request.body as OutcomesBody;
    const batch = body.outcomes.map((item, index) => {
      const parsed = outcomeInputSchema.safeParse(item);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = issue.path.length > 0 ? issue.path.join('.') : 'item';
        throw new ServingError(
          400,
          ServingProblem.MalformedRequest,
          `outcomes[${index}].${field}: ${issue.message}`,
          {
            input: field,
            row: index,
          },
        );
      }
      return { outcome: toOutcome(parsed.data), position: index };
    });
    return monitoring.outcomes.record(batch, monitoring.knownIds, 'http');
  });

  app.get('/dashboard', { config: { kind: dashboardKind } }, async (_request, reply) => {
    const monitoring = deps.monitoring;
    if (!monitoring)
      throw new ServingError(404, ServingProblem.NotEnabled, 'the dashboard is not enabled on this server');
    const page = await monitoring.readDashboard();
    if (!page)
      throw new ServingError(
        404,
        ServingProblem.NotEnabled,
        'no dashboard yet: the monitoring workflow writes it at the end of each period (npm run cli -- monitor run)',
      );
    return reply.type('text/html; charset=utf-8').header('content-security-policy', DASHBOARD_CSP).send(page);
  });
}
