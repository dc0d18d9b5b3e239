/**
 * The serving HTTP app, on Fastify: a well-kept framework with JSON-schema
 * validation of bodies (Ajv, compiled once per route), a body size limit,
 * request lifecycle hooks for leases, auth and metrics, and graceful close.
 */
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { ServingError, ServingProblem } from '../errors';
import type { ServingAppDeps } from './context';
import { registerMonitoringRoutes } from './routes-monitoring';
import { registerOpsRoutes } from './routes-ops';
import { registerRankRoute } from './routes-rank';
import { registerTfServingRoutes } from './routes-tf-serving';
import { registerV2Routes } from './routes-v2';

/** The JSON body of every error response. */
export interface ErrorBody {
  readonly error: string;
  readonly problem: string;
  readonly input?: string;
  readonly row?: number;
}

function errorBody(error: ServingError): ErrorBody {
  return { error: error.message, problem: error.problem, ...error.location };
}

/** Maps any error to a status and a body that never carries a stack or a server path. */
function toResponse(
  error: FastifyError | Error,
  request: FastifyRequest,
  limit: number,
): [number, ErrorBody] {
  if (error instanceof ServingError) return [error.statusCode, errorBody(error)];
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    return [
      400,
      { error: `invalid request: ${fastifyError.message}`, problem: ServingProblem.MalformedRequest },
    ];
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return [
        413,
        {
          error: `the request body is larger than this server's limit of ${limit} bytes (SERVING_BODY_LIMIT_BYTES)`,
          problem: 'BODY_TOO_LARGE',
        },
      ];
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return [
        415,
        {
          error: `content type ${JSON.stringify(request.headers['content-type'] ?? '')} is not accepted; send application/json`,
          problem: ServingProblem.MalformedRequest,
        },
      ];
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return [
        400,
        { error: 'the body is empty; send a JSON object', problem: ServingProblem.MalformedRequest },
      ];
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return [400, { error: 'the body is not valid JSON', problem: ServingProblem.MalformedRequest }];
  }
  if (error instanceof SyntaxError || fastifyError.statusCode === 400) {
    return [
      400,
      { error: `the body is not valid JSON: ${error.message}`, problem: ServingProblem.MalformedRequest },
    ];
  }
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return [status, { error: error.message, problem: fastifyError.code ?? 'CLIENT_ERROR' }];
  }
  return [
    500,
    { error: `internal error (request ${request.id}); the server log has the details`, problem: 'INTERNAL' },
  ];
}

function releaseLeases(request: FastifyRequest): void {
  const leases = request.leases;
  request.leases = null;
  for (const lease of leases ?? []) lease.release();
}

/**
 * Builds the app (not listening yet).
 *
 * @param deps - the models, log, metrics and settings the routes use
 */
export function buildServingApp(deps: ServingAppDeps): FastifyInstance {
  const app = Fastify({
    // No per-request logging (it would cost more than a one-row prediction); errors are logged below.
    logger: false,
    bodyLimit: deps.config.bodyLimitBytes,
    // Fastify's Ajv defaults coerce types and drop unknown properties: a request must be refused instead.
    ajv: {
      customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false },
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  app.decorateRequest('leases', null);
  app.decorateRequest('servedVersion', null);

  app.addHook('onRequest', (request, _reply, done) => {
    const kind = request.routeOptions.config.kind;
    try {
      if (kind?.auth === 'predict') deps.apiKeys.check(request.headers.authorization, false, 'this route');
      else if (kind?.auth === 'admin')
        deps.adminKeys.check(request.headers.authorization, true, 'this admin route');
    } catch (error) {
      done(error as Error);
      return;
    }
    if (kind?.predicts) {
      // The version a request starts on is the version it finishes on, whatever a reload does meanwhile.
      const lease = deps.models.acquireProduction();
      request.leases = lease ? [lease] : [];
    }
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    releaseLeases(request);
    const route = request.routeOptions.config.kind?.metric ?? 'unmatched';
    deps.metrics.requests.inc({
      route,
      status: String(reply.statusCode),
      model_version: request.servedVersion ?? 'none',
    });
    deps.metrics.latency.observe({ route }, reply.elapsedTime / 1000);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    releaseLeases(request);
    done();
  });

  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const [status, body] = toResponse(error, request, deps.config.bodyLimitBytes);
    if (status >= 500 && !(error instanceof ServingError)) {
      deps.logger.error({ err: error, url: request.url, requestId: request.id }, 'request failed');
    }
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ error: `no route ${request.method} ${request.url.split('?')[0]}`, problem: 'NO_ROUTE' }),
  );

  registerV2Routes(app, deps);
  registerTfServingRoutes(app, deps);
  registerRankRoute(app, deps);
  registerOpsRoutes(app, deps);
  registerMonitoringRoutes(app, deps);
  return app;
}
