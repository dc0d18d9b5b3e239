/**
 * Open Inference Protocol v2 (KServe, Triton, MLServer): health, model
 * metadata and readiness, and infer (production or a named version).
 * With the request-level parameter `"explain": true`, infer adds a BYTES
 * output `explanation`: per row one JSON string, the same explanation the
 * rank route gives (src/serving/explanations.ts), within the same budget.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { FEATURE_COLUMNS } from '../../data/schema';
import { SERVED_MODEL_NAME } from '../config';
import { ServingError, ServingProblem, badRequest } from '../errors';
import { decodeColumns } from '../request/decode-columns';
import { columnArraysSource } from '../request/column-arrays';
import type { LawyerExplanation } from '../explanations';
import type { RouteKind, ServingAppDeps } from './context';
import { checkModelName, checkRowCount, scoreRequest } from './score';
import { advertisedDatatype, v2InputColumns, type V2Input } from './v2-tensors';

const OUTPUTS = ['match_probability', 'prediction_id', 'explanation'] as const;

interface InferBody {
  readonly id?: string;
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly inputs: readonly V2Input[];
  readonly outputs?: readonly { readonly name: string }[];
}

const tensorSchema = {
  type: 'object',
  required: ['name', 'shape', 'datatype'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1 },
    shape: { type: 'array', minItems: 1, maxItems: 8, items: { type: 'integer', minimum: 0 } },
    datatype: { type: 'string' },
    parameters: { type: 'object' },
    data: { type: 'array' },
  },
} as const;

const inferSchema = {
  body: {
    type: 'object',
    required: ['inputs'],
    additionalProperties: false,
    properties: {
      id: { type: 'string' },
      // Request-level parameters are open in the protocol; the ones this server reads are typed.
      parameters: { type: 'object', properties: { explain: { type: 'boolean' } } },
      inputs: { type: 'array', minItems: 1, items: tensorSchema },
      outputs: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: { type: 'string' }, parameters: { type: 'object' } },
        },
      },
    },
  },
} as const;

/** Bytes after the JSON header of a binary-extension request, kept by the pre-validation hook. */
const binaryParts = new WeakMap<FastifyRequest, Buffer>();

/**
 * Splits a body sent as raw bytes: the whole body is JSON, or (with
 * `Inference-Header-Content-Length`) a JSON header followed by tensor bytes.
 */
function splitBinaryBody(request: FastifyRequest): void {
  if (!Buffer.isBuffer(request.body)) return;
  const body = request.body;
  const header = request.headers['inference-header-content-length'];
  const jsonLength = header === undefined ? body.length : Number(header);
  if (!Number.isInteger(jsonLength) || jsonLength < 0 || jsonLength > body.length) {
    throw badRequest(
      ServingProblem.MalformedRequest,
      `Inference-Header-Content-Length is ${JSON.stringify(header)}, not a length within the ${body.length}-byte body`,
    );
  }
  try {
    request.body = JSON.parse(body.toString('utf8', 0, jsonLength));
  } catch (error) {
    throw badRequest(
      ServingProblem.MalformedRequest,
      `the body is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (jsonLength < body.length) binaryParts.set(request, body.subarray(jsonLength));
}

function metadata(versions: readonly string[]) {
  return {
    name: SERVED_MODEL_NAME,
    versions,
    platform: 'tensorflowjs',
    parameters: { content_type: 'pd' },
    inputs: FEATURE_COLUMNS.map((spec) => ({
      name: spec.name,
      datatype: advertisedDatatype(spec),
      shape: [-1],
      parameters: { content_type: advertisedDatatype(spec) === 'BYTES' ? 'str' : 'np' },
    })),
    outputs: [
      { name: 'match_probability', datatype: 'FP32', shape: [-1] },
      { name: 'prediction_id', datatype: 'BYTES', shape: [-1] },
    ],
  };
}

/** Registers the v2 routes (inside their own plugin: the raw-bytes body parser applies to them only). */
export function registerV2Routes(app: FastifyInstance, deps: ServingAppDeps): void {
  const open: RouteKind = { metric: 'v2_health', auth: 'open' };
  const meta: RouteKind = { metric: 'v2_metadata', auth: 'predict' };
  const infer: RouteKind = { metric: 'v2_infer', auth: 'predict', predicts: true };

  app.get('/v2/health/live', { config: { kind: open } }, () => ({ live: true }));
  app.get('/v2/health/ready', { config: { kind: open } }, (_request, reply) => {
    const ready = deps.isAccepting() && deps.models.productionVersion !== undefined;
    return reply.code(ready ? 200 : 503).send({ ready });
  });
  app.get('/v2', { config: { kind: open } }, () => ({
    name: 'legalaid-serving',
    version: '1',
    extensions: ['binary_tensor_data'],
  }));

  app.get<{ Params: { model: string } }>('/v2/models/:model', { config: { kind: meta } }, async (request) => {
    checkModelName(request.params.model);
    return metadata(await deps.models.publishedVersions());
  });
  app.get<{ Params: { model: string } }>(
    '/v2/models/:model/ready',
    { config: { kind: meta } },
    (request, reply) => {
      checkModelName(request.params.model);
      const ready = deps.models.productionVersion !== undefined;
      return reply.code(ready ? 200 : 503).send({ name: SERVED_MODEL_NAME, ready });
    },
  );
  app.get<{ Params: { model: string; version: string } }>(
    '/v2/models/:model/versions/:version',
    { config: { kind: meta } },
    async (request) => {
      checkModelName(request.params.model);
      const lease = await deps.models.acquireVersion(request.params.version);
      lease.release();
      return { ...metadata([request.params.version]) };
    },
  );
  app.get<{ Params: { model: string; version: string } }>(
    '/v2/models/:model/versions/:version/ready',
    { config: { kind: meta } },
    async (request) => {
      checkModelName(request.params.model);
      const lease = await deps.models.acquireVersion(request.params.version);
      lease.release();
      return { name: SERVED_MODEL_NAME, ready: true };
    },
  );

  const handleInfer = async (request: FastifyRequest, model: string, version: string | undefined) => {
    checkModelName(model);
    const body = request.body as InferBody;
    const contentType = body.parameters?.content_type;
    if (contentType !== undefined && contentType !== 'pd') {
      throw new ServingError(
        400,
        ServingProblem.NotEnabled,
        `content_type ${JSON.stringify(contentType)} is not served; this model takes tabular requests ("pd": one input per column)`,
      );
    }
    const wanted = (body.outputs ?? []).map((o) => o.name);
    const unknown = wanted.find((name) => !(OUTPUTS as readonly string[]).includes(name));
    if (unknown !== undefined) {
      throw badRequest(
        ServingProblem.MalformedRequest,
        `unknown output "${unknown}" (outputs: ${OUTPUTS.join(', ')})`,
      );
    }
    const explain = body.parameters?.explain === true;
    const explanations = explain ? deps.explanations : undefined;
    if (explain && explanations === undefined) {
      throw new ServingError(
        400,
        ServingProblem.NotEnabled,
        'explanations (parameters "explain": true) are not enabled on this server',
      );
    }
    if (!explain && wanted.includes('explanation')) {
      throw badRequest(
        ServingProblem.MalformedRequest,
        'output "explanation" needs the request parameter "explain": true',
      );
    }
    const columns = v2InputColumns(body.inputs, binaryParts.get(request));
    const source = columnArraysSource(columns);
    checkRowCount(deps, source.rowCount, 'the request');
    const rows = decodeColumns(source, (column, row) => `input "${column}", row ${row}`);
    if (explanations !== undefined) {
      // Refused before anything is scored or logged when the rows cannot be explained in time:
      // measured with the pinned version, else production (the likely answer).
      let lease = version === undefined ? request.leases?.[0] : undefined;
      if (version !== undefined) {
        lease = await deps.models.acquireVersion(version);
        (request.leases ??= []).push(lease);
      }
      if (lease !== undefined) await explanations.checkBudget(lease.loaded, rows.rowCount);
    }
    const requestId = body.id ?? uuidv7();
    const scored = await scoreRequest(deps, request, {
      route: 'v2',
      rows,
      requestId,
      ...(version !== undefined ? { requestedVersion: version } : {}),
    });
    const n = rows.rowCount;
    let explained: LawyerExplanation[] | undefined;
    if (explanations !== undefined) {
      // The version that answered (an experiment may route to the candidate), held by this request.
      const lease = await deps.models.acquireVersion(scored.version);
      (request.leases ??= []).push(lease);
      const all = Array.from({ length: n }, (_, i) => i);
      explained = await explanations.explainRows(lease.loaded, rows.table, all);
    }
    const outputs = [
      { name: 'match_probability', datatype: 'FP32', shape: [n], data: Array.from(scored.probabilities) },
      { name: 'prediction_id', datatype: 'BYTES', shape: [n], data: scored.predictionIds },
      ...(explained
        ? [
            {
              name: 'explanation',
              datatype: 'BYTES',
              shape: [n],
              parameters: { content_type: 'str' },
              data: explained.map((e) => JSON.stringify(e)),
            },
          ]
        : []),
    ].filter((o) => wanted.length === 0 || wanted.includes(o.name));
    return {
      model_name: SERVED_MODEL_NAME,
      model_version: scored.version,
      id: requestId,
      parameters: {
        arm: scored.arm,
        ...(explained ? { explain: true, explain_method: explained[0]?.method } : {}),
      },
      outputs,
    };
  };

  void app.register((scope, _options, registered) => {
    // Triton's clients send the binary tensor extension (and sometimes no content type): take raw bytes.
    scope.addContentTypeParser(['application/octet-stream', '*'], { parseAs: 'buffer' }, (_r, body, done) =>
      done(null, body),
    );
    scope.addHook('preValidation', (request, _reply, done) => {
      try {
        splitBinaryBody(request);
        done();
      } catch (error) {
        done(error as Error);
      }
    });
    scope.post<{ Params: { model: string } }>(
      '/v2/models/:model/infer',
      { schema: inferSchema, config: { kind: infer } },
      (request) => handleInfer(request, request.params.model, undefined),
    );
    scope.post<{ Params: { model: string; version: string } }>(
      '/v2/models/:model/versions/:version/infer',
      { schema: inferSchema, config: { kind: infer } },
      (request) => handleInfer(request, request.params.model, request.params.version),
    );
    registered();
  });
}
