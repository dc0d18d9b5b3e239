import { DomainError, FailureType } from '../../core/errors';

/**
 * Thrown by the MLflow REST client: the server could not be reached, timed
 * out, answered with an error status, or answered something that is not what
 * the endpoint documents. The message names the endpoint and the problem.
 */
export class MlflowError extends DomainError {
  override readonly name = 'MlflowError';
  constructor(
    message: string,
    /** `METHOD /api/2.0/mlflow/...`, without host or credentials. */
    readonly endpoint: string,
    /** HTTP status, when the server answered. */
    readonly status: number | undefined,
    /** MLflow's `error_code`, e.g. `RESOURCE_DOES_NOT_EXIST`, when the server sent one. */
    readonly errorCode: string | undefined,
    /**
     * Whether trying again may help: unreachable, timeouts, 408, 425, 429 and 5xx
     * may; other 4xx (bad request, wrong path, no permission) will not.
     */
    retryable: boolean,
  ) {
    super(message, {
      failureType: retryable ? FailureType.Unavailable : FailureType.MlflowRejected,
      retryable,
      details: { endpoint, status: status ?? null, errorCode: errorCode ?? null },
    });
  }
}

/** A setting that makes MLflow mirroring impossible, e.g. a tracking URI that is not http(s). */
export class MlflowConfigError extends DomainError {
  override readonly name = 'MlflowConfigError';
  constructor(message: string) {
    super(message, { failureType: FailureType.InvalidInput });
  }
}

/** True for statuses worth retrying (see {@link MlflowError.retryable}). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}
