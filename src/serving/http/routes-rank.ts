/**
 * The domain route: `POST /v1/match/rank` takes a client and candidate
 * lawyers (each with the pair's `distance_km`) and returns the lawyers ranked
 * by match probability, each with its prediction id; with `"explain": true`,
 * each ranked lawyer also gets its top contributing columns and a one-line
 * reason (src/serving/explanations.ts), within the server's time budget.
 */
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { SERVED_MODEL_NAME } from '../config';
import { ServingError, ServingProblem } from '../errors';
import { decodeColumns } from '../request/decode-columns';
import type { LawyerExplanation } from '../explanations';
import { clientLawyersSource, rankCellLocator } from '../request/row-objects';
import type { RouteKind, ServingAppDeps } from './context';
import { checkRowCount, scoreRequest } from './score';

interface RankBody {
  readonly client: Readonly<Record<string, unknown>>;
  readonly lawyers: readonly Readonly<Record<string, unknown>>[];
  readonly top_k?: number;
  readonly client_id?: string;
  readonly explain?: boolean;
}

const rankSchema = {
  body: {
    type: 'object',
    required: ['client', 'lawyers'],
    additionalProperties: false,
    properties: {
      client: { type: 'object' },
      lawyers: {
        type: 'array',
        items: {
          type: 'object',
          properties: { id: { anyOf: [{ type: 'string' }, { type: 'integer' }] } },
        },
      },
      top_k: { type: 'integer', minimum: 1 },
      client_id: { type: 'string', minLength: 1, maxLength: 200 },
      explain: { type: 'boolean' },
    },
  },
} as const;

/** One ranked lawyer. */
export interface RankedLawyer {
  readonly rank: number;
  /** Position of the lawyer in the request's `lawyers`. */
  readonly index: number;
  /** The lawyer's `id` when the request gave one. */
  readonly id?: string | number;
  readonly probability: number;
  readonly prediction_id: string;
  /** With `"explain": true`: why the lawyer is where it is. */
  readonly explanation?: LawyerExplanation;
}

/** Registers the rank route. */
export function registerRankRoute(app: FastifyInstance, deps: ServingAppDeps): void {
  const kind: RouteKind = { metric: 'match_rank', auth: 'predict', predicts: true };
  app.post('/v1/match/rank', { schema: rankSchema, config: { kind } }, async (request) => {
    const body = request.body as RankBody;
    const explanations = body.explain === true ? deps.explanations : undefined;
    if (body.explain === true && explanations === undefined) {
      throw new ServingError(
        400,
        ServingProblem.NotEnabled,
        'explanations ("explain": true) are not enabled on this server',
      );
    }
    checkRowCount(deps, body.lawyers.length, '"lawyers"');
    const rows = decodeColumns(clientLawyersSource(body.client, body.lawyers), rankCellLocator);
    const returned = Math.min(body.top_k ?? rows.rowCount, rows.rowCount);
    const production = request.leases?.[0];
    // Refused before anything is scored or logged when the rows cannot be explained in time.
    if (explanations !== undefined && production !== undefined) {
      await explanations.checkBudget(production.loaded, returned);
    }
    const requestId = uuidv7();
    const scored = await scoreRequest(deps, request, {
      route: 'rank',
      rows,
      requestId,
      ...(body.client_id !== undefined ? { clientKey: body.client_id } : {}),
    });
    const order = Array.from({ length: rows.rowCount }, (_, i) => i).sort(
      (a, b) => scored.probabilities[b]! - scored.probabilities[a]! || a - b,
    );
    const shown = order.slice(0, returned);
    let explained: LawyerExplanation[] | undefined;
    if (explanations !== undefined) {
      // The version that answered (an experiment may route to the candidate), held by this request.
      const lease = await deps.models.acquireVersion(scored.version);
      (request.leases ??= []).push(lease);
      explained = await explanations.explainRows(lease.loaded, rows.table, shown);
    }
    const ranked: RankedLawyer[] = shown.map((index, position) => {
      const id = body.lawyers[index]!.id as string | number | undefined;
      return {
        rank: position + 1,
        index,
        ...(id !== undefined ? { id } : {}),
        probability: scored.probabilities[index]!,
        prediction_id: scored.predictionIds[index]!,
        ...(explained ? { explanation: explained[position]! } : {}),
      };
    });
    return { model_name: SERVED_MODEL_NAME, model_version: scored.version, request_id: requestId, ranked };
  });
}
