/** Operations routes: Prometheus metrics and the admin reload that promotions call. */
import type { FastifyInstance } from 'fastify';
import type { RouteKind, ServingAppDeps } from './context';

/** Registers `GET /metrics` and `POST /admin/reload`. */
export function registerOpsRoutes(app: FastifyInstance, deps: ServingAppDeps): void {
  const metrics: RouteKind = { metric: 'metrics', auth: 'open' };
  const admin: RouteKind = { metric: 'admin_reload', auth: 'admin' };
  app.get('/metrics', { config: { kind: metrics } }, async (_request, reply) => {
    const text = deps.metricsText ? await deps.metricsText() : await deps.metrics.registry.metrics();
    return reply.type(deps.metrics.registry.contentType).send(text);
  });
  // The promotion and rollback activities POST here; any body is ignored.
  app.post('/admin/reload', { config: { kind: admin } }, async () => deps.reload());
}
