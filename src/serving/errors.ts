/** Errors of the serving area: each carries the HTTP status it is answered with. */
import { DomainError, FailureType } from '../core/errors';
import { DatasetProblem } from '../data/errors';

/** Stable codes of request problems; clients can match on them. */
export const ServingProblem = {
  ...DatasetProblem,
  /** The request names a model this server does not serve. */
  UnknownModel: 'UNKNOWN_MODEL',
  /** The request names a model version that does not exist (or cannot be loaded). */
  UnknownVersion: 'UNKNOWN_VERSION',
  /** The version exists but failed to load (corrupt artifacts, a failed warm-up). */
  VersionUnavailable: 'VERSION_UNAVAILABLE',
  /** More rows than the server accepts in one request. */
  TooManyRows: 'TOO_MANY_ROWS',
  /** The body is not valid JSON, or not shaped as the protocol says. */
  MalformedRequest: 'MALFORMED_REQUEST',
  /** A v2 tensor's shape, datatype or data do not agree. */
  BadTensor: 'BAD_TENSOR',
  /** No production model is loaded yet, or the server is shutting down. */
  NotReady: 'NOT_READY',
  /** A bearer token is missing or wrong. */
  Unauthorized: 'UNAUTHORIZED',
  /** The request asks for something this server has not enabled. */
  NotEnabled: 'NOT_ENABLED',
  /** The explanations asked for would take longer than the server's time budget. */
  ExplainOverBudget: 'EXPLAIN_OVER_BUDGET',
} as const;
export type ServingProblem = (typeof ServingProblem)[keyof typeof ServingProblem];

/** Details of a request error, as the JSON error body carries them. */
export interface ServingErrorDetails {
  /** The input (column) at fault, when one is. */
  readonly input?: string;
  /** 0-based row of the request at fault, when one is. */
  readonly row?: number;
}

/**
 * Thrown while answering a request when the request cannot be answered as
 * asked: bad input (400), unknown model or version (404), auth (401), not
 * ready (503). The message names the input, row and problem; it is sent to the
 * client as is, so it never contains a stack or a server path.
 */
export class ServingError extends DomainError {
  override readonly name = 'ServingError';
  constructor(
    readonly statusCode: number,
    readonly problem: ServingProblem,
    message: string,
    /** Where in the request the problem is. */
    readonly location: ServingErrorDetails = {},
  ) {
    super(message, {
      // A 503 (no model yet, a version that failed to load) may pass; a bad request stays bad.
      failureType: statusCode >= 500 ? FailureType.Unavailable : FailureType.InvalidInput,
      retryable: statusCode >= 500,
      details: { problem, ...location },
    });
  }
}

/** Thrown when a `serve` flag or `SERVING_*` variable is invalid; the message names it. */
export class ServingConfigError extends DomainError {
  override readonly name = 'ServingConfigError';
  constructor(message: string) {
    super(message, { failureType: FailureType.InvalidInput });
  }
}

/** Thrown when a version's warm-up prediction is not a probability: the version is refused. */
export class WarmUpError extends DomainError {
  override readonly name = 'WarmUpError';
  constructor(message: string) {
    super(message, { failureType: FailureType.InvalidArtifact });
  }
}

/** A 400 for a request whose content is wrong. */
export function badRequest(
  problem: ServingProblem,
  message: string,
  details?: ServingErrorDetails,
): ServingError {
  return new ServingError(400, problem, message, details);
}
