/**
 * Scoring a request that is part of an experiment: both versions score its
 * rows (production first, then the candidate), each timed; the arm's version
 * answers. The candidate failing (it cannot be loaded, or scoring throws)
 * never fails the request: production answers instead and the row is logged
 * with `candidate_error`, which the error-rate guardrail counts.
 */
import type { FastifyRequest } from 'fastify';
import type { VersionLease } from '../models/loaded-version';
import type { ExperimentScores } from '../prediction-log/writer';
import type { DecodedRows } from '../request/decode-columns';
import type { RouteDecision, RoutedRequestExperiment } from '../routing';
import type { ServingAppDeps } from './context';

/** What the experiment path hands back to the scoring step. */
export interface ExperimentScoring {
  readonly version: string;
  readonly probabilities: Float32Array;
  readonly scores: ExperimentScores;
}

/**
 * Scores rows with both versions of an experiment.
 *
 * @param production - the request's lease on production (the router checked it is the experiment's)
 */
export async function scoreExperiment(
  deps: ServingAppDeps,
  request: FastifyRequest,
  production: VersionLease,
  decision: RouteDecision & { readonly experiment: RoutedRequestExperiment },
  rows: DecodedRows,
): Promise<ExperimentScoring> {
  const { experiment } = decision;
  const started = performance.now();
  const productionProbabilities = production.loaded.score(rows);
  const productionMs = performance.now() - started;
  let candidateProbabilities: Float32Array | null = null;
  let candidateMs: number | null = null;
  let candidateError: string | null = null;
  try {
    const lease = await deps.models.acquireVersion(experiment.candidate);
    (request.leases ??= []).push(lease);
    const t0 = performance.now();
    candidateProbabilities = lease.loaded.score(rows);
    candidateMs = performance.now() - t0;
  } catch (error) {
    candidateError = (error as Error).message || String(error);
    deps.logger.warn(
      { experiment: experiment.id, candidate: experiment.candidate, err: candidateError },
      'experiment candidate could not score a request: production answered',
    );
  }
  const candidateAnswers = decision.version === experiment.candidate && candidateProbabilities !== null;
  return {
    version: candidateAnswers ? experiment.candidate : experiment.production,
    probabilities: candidateAnswers ? candidateProbabilities! : productionProbabilities,
    scores: {
      ...experiment,
      candidateProbabilities,
      productionProbabilities,
      candidateMs,
      productionMs,
      candidateError,
    },
  };
}
