/**
 * TensorFlow Serving's REST API shim: `POST /v1/models/matchmaking:predict`
 * (and `/versions/{v}:predict`) with `{"instances": [{…row…}]}` or columnar
 * `{"inputs": {column: [...]}}`, answered `{"predictions": [p, …]}`; the
 * model version and one prediction id per row ride along as extra fields.
 * `GET /v1/models/matchmaking` reports the model status.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { ServingError, ServingProblem } from '../errors';
import { columnArraysSource } from '../request/column-arrays';
import { decodeColumns } from '../request/decode-columns';
import { rowObjectsSource } from '../request/row-objects';
import type { RouteKind, ServingAppDeps } from './context';
import { checkModelName, checkRowCount, scoreRequest } from './score';

interface PredictBody {
  readonly signature_name?: string;
  readonly instances?: readonly Readonly<Record<string, unknown>>[];
  readonly inputs?: Readonly<Record<string, readonly unknown[]>>;
}

const predictSchema = {
  body: {
    type: 'object',
    additionalProperties: false,
    properties: {
      signature_name: { type: 'string' },
      instances: { type: 'array', items: { type: 'object' } },
      inputs: { type: 'object', additionalProperties: { type: 'array' } },
    },
  },
} as const;

/** `matchmaking:predict` or `matchmaking/versions/<v>:predict` → its parts. */
function parsePath(rest: string, verb: string | undefined): { model: string; version?: string } {
  const pattern = verb
    ? new RegExp(`^([^/:]+)(?:/versions/([^/:]+))?:${verb}$`)
    : /^([^/:]+)(?:\/versions\/([^/:]+))?$/;
  const match = pattern.exec(rest);
  if (!match) {
    throw new ServingError(404, ServingProblem.UnknownModel, `no such TF Serving route: /v1/models/${rest}`);
  }
  return { model: match[1]!, ...(match[2] !== undefined ? { version: match[2] } : {}) };
}

/** Registers the TF Serving routes. */
export function registerTfServingRoutes(app: FastifyInstance, deps: ServingAppDeps): void {
  const predict: RouteKind = { metric: 'tfserving_predict', auth: 'predict', predicts: true };
  const status: RouteKind = { metric: 'tfserving_status', auth: 'predict' };

  app.post(
    '/v1/models/*',
    { schema: predictSchema, config: { kind: predict } },
    async (request: FastifyRequest) => {
      const { model, version } = parsePath((request.params as { '*': string })['*'], 'predict');
      checkModelName(model);
      const body = request.body as PredictBody;
      if ((body.instances === undefined) === (body.inputs === undefined)) {
        throw new ServingError(
          400,
          ServingProblem.MalformedRequest,
          'send either "instances" (rows) or "inputs" (columns)',
        );
      }
      let rows;
      if (body.instances !== undefined) {
        checkRowCount(deps, body.instances.length, '"instances"');
        rows = decodeColumns(
          rowObjectsSource(body.instances, (i) => `instances[${i}]`),
          (column, row) => `instances[${row}].${column}`,
        );
      } else {
        const source = columnArraysSource(new Map(Object.entries(body.inputs!)), 'input');
        checkRowCount(deps, source.rowCount, '"inputs"');
        rows = decodeColumns(source, (column, row) => `inputs.${column}[${row}]`);
      }
      const scored = await scoreRequest(deps, request, {
        route: 'tfserving',
        rows,
        requestId: uuidv7(),
        ...(version !== undefined ? { requestedVersion: version } : {}),
      });
      return {
        predictions: Array.from(scored.probabilities),
        model_version: scored.version,
        prediction_ids: scored.predictionIds,
      };
    },
  );

  app.get('/v1/models/*', { config: { kind: status } }, async (request: FastifyRequest) => {
    const { model, version } = parsePath((request.params as { '*': string })['*'], undefined);
    checkModelName(model);
    let served = deps.models.productionVersion;
    if (version !== undefined) {
      (await deps.models.acquireVersion(version)).release();
      served = version;
    }
    return {
      model_version_status: [
        {
          version: served ?? '',
          state: served === undefined ? 'LOADING' : 'AVAILABLE',
          status: { error_code: 'OK', error_message: '' },
        },
      ],
    };
  });
}
