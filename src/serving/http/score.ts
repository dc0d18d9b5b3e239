/**
 * The one scoring step every prediction route goes through: choose the
 * version (router), score with it (and, in an experiment, with the other
 * version alongside), give each row a UUIDv7 prediction id, and
 * hand the rows to the prediction log.
 */
import type { FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { SERVED_MODEL_NAME } from '../config';
import { ServingError, ServingProblem } from '../errors';
import type { PredictionRoute } from '../prediction-log/entry';
import type { ExperimentScores } from '../prediction-log/writer';
import type { DecodedRows } from '../request/decode-columns';
import { productionRouter } from '../routing';
import type { ServingAppDeps } from './context';
import { scoreExperiment } from './score-experiment';

/** What a request asks to be scored. */
export interface ScoreInput {
  readonly route: PredictionRoute;
  readonly rows: DecodedRows;
  readonly requestId: string;
  readonly requestedVersion?: string;
  readonly clientKey?: string;
}

/** The scored rows. */
export interface ScoredRows {
  readonly version: string;
  readonly arm: string;
  readonly probabilities: Float32Array;
  readonly predictionIds: readonly string[];
}

/**
 * Scores a request's rows with the version its router picks.
 *
 * @throws ServingError 503 NOT_READY when there is no production model yet; 404 for an unknown pinned version
 */
export async function scoreRequest(
  deps: ServingAppDeps,
  request: FastifyRequest,
  input: ScoreInput,
): Promise<ScoredRows> {
  const leases = (request.leases ??= []);
  const production = leases[0];
  const decision = (deps.router ?? productionRouter).route({
    route: input.route,
    productionVersion: production?.loaded.version,
    ...(input.requestedVersion !== undefined ? { requestedVersion: input.requestedVersion } : {}),
    ...(input.clientKey !== undefined ? { clientKey: input.clientKey } : {}),
  });
  if (decision === undefined) {
    throw new ServingError(
      503,
      ServingProblem.NotReady,
      'no production model is loaded yet; try again shortly',
    );
  }
  let version = decision.version;
  let probabilities: Float32Array;
  let experiment: ExperimentScores | undefined;
  if (decision.experiment !== undefined && production !== undefined) {
    const scored = await scoreExperiment(
      deps,
      request,
      production,
      { ...decision, experiment: decision.experiment },
      input.rows,
    );
    ({ version, probabilities } = scored);
    experiment = scored.scores;
  } else {
    let lease = production?.loaded.version === decision.version ? production : undefined;
    if (lease === undefined) {
      lease = await deps.models.acquireVersion(decision.version);
      leases.push(lease);
    }
    probabilities = lease.loaded.score(input.rows);
  }
  const predictionIds = Array.from({ length: input.rows.rowCount }, () => uuidv7());
  request.servedVersion = version;
  deps.metrics.predictions.inc({ model_version: version }, input.rows.rowCount);
  deps.predictionLog.record({
    time: new Date(),
    model: SERVED_MODEL_NAME,
    version,
    route: input.route,
    arm: decision.arm,
    requestId: input.requestId,
    ids: predictionIds,
    columns: input.rows.columns,
    probabilities,
    ...(experiment ? { experiment } : {}),
  });
  return { version, arm: decision.arm, probabilities, predictionIds };
}

/** Refuses requests with more rows than the server accepts. */
export function checkRowCount(deps: ServingAppDeps, rows: number, what: string): void {
  if (rows > deps.config.maxRows) {
    throw new ServingError(
      400,
      ServingProblem.TooManyRows,
      `${what} has ${rows} rows; this server accepts at most ${deps.config.maxRows} per request (SERVING_MAX_ROWS)`,
    );
  }
  if (rows === 0) {
    throw new ServingError(400, ServingProblem.EmptyFile, `${what} has no rows; send at least one`);
  }
}

/** The model name a route was called with, checked. */
export function checkModelName(name: string): void {
  if (name !== SERVED_MODEL_NAME) {
    throw new ServingError(
      404,
      ServingProblem.UnknownModel,
      `model "${name}" is not served here (this server serves "${SERVED_MODEL_NAME}")`,
    );
  }
}
