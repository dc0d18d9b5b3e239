/**
 * The one error model of the pipeline. Every domain error extends
 * {@link DomainError} and says what kind of failure it is and whether trying
 * again can help; the activity adapter (`activities/failures.ts`) reads those
 * two fields and nothing else. Plain code with no imports, so workflow code can
 * use the failure types deterministically and domain code can name its
 * failures without knowing about Temporal.
 */

/** Kinds of failure, as the `type` of the `ApplicationFailure` an activity fails with. */
export const FailureType = {
  /** The dataset breaks the schema or cannot be trained on. */
  InvalidDataset: 'InvalidDataset',
  /** Workflow or CLI input that can never work (paths outside the data folder, bad parameters). */
  InvalidInput: 'InvalidInput',
  /** Model or preprocessor files that are missing or corrupt. */
  InvalidArtifact: 'InvalidArtifact',
  /** A registry conflict: lock held, production moved, no backup to roll back to. (A checksum mismatch is InvalidArtifact.) */
  Registry: 'RegistryError',
  /** MLflow answered that it will never accept the request as sent (a 4xx other than 408/425/429). */
  MlflowRejected: 'MlflowRejected',
  /** Something that may work a moment later: a lock held a little too long, a service that is down. Retried. */
  Unavailable: 'Unavailable',
} as const;
export type FailureType = (typeof FailureType)[keyof typeof FailureType];

/** Every failure type that retrying cannot fix, for the `nonRetryableErrorTypes` of retry policies. */
export const NON_RETRYABLE_FAILURE_TYPES: string[] = Object.values(FailureType).filter(
  (type) => type !== FailureType.Unavailable,
);

/** What every domain error says about itself besides its message. */
export interface DomainErrorOptions {
  /** The kind of failure. */
  readonly failureType: FailureType;
  /** Whether the same call may succeed later. @default false: the same input fails the same way */
  readonly retryable?: boolean;
  /** Facts a caller can act on (file, row, column, code…), passed on as the failure's details. */
  readonly details?: Readonly<Record<string, unknown>>;
  /** The lower-level error this one explains. */
  readonly cause?: unknown;
}

/**
 * Base of every error the domain code throws on purpose. Subclasses add
 * readonly context fields and a "thrown when" doc; what a retry can do is
 * decided here, once, by {@link DomainError.failureType} and
 * {@link DomainError.retryable}.
 */
export class DomainError extends Error {
  override readonly name: string = 'DomainError';
  /** The kind of failure (the activity failure's `type`). */
  readonly failureType: FailureType;
  /** Whether trying the same operation again may succeed. */
  readonly retryable: boolean;
  /** Facts for the failure's details; undefined when there are none. */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(message: string, options: DomainErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.failureType = options.failureType;
    this.retryable = options.retryable ?? false;
    this.details = options.details;
  }
}

/** True for errors of the one error model (also across copies of this module, e.g. a workflow bundle). */
export function isDomainError(error: unknown): error is DomainError {
  return (
    error instanceof DomainError ||
    (error instanceof Error &&
      typeof (error as Partial<DomainError>).failureType === 'string' &&
      typeof (error as Partial<DomainError>).retryable === 'boolean')
  );
}
