/** Errors of the serving area: each carries the HTTP status it is answered with. */
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
export class ServingError extends Error {
  override readonly name = 'ServingError';
  constructor(
    readonly statusCode: number,
    readonly problem: ServingProblem,
    message: string,
    readonly details: ServingErrorDetails = {},
  ) {
    super(message);
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
