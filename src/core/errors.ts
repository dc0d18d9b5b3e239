/**
 * Failure types that retrying cannot fix. Activities throw them as
 * non-retryable `ApplicationFailure`s; workflows list them in retry policies.
 * Plain data with no imports, so workflow code can use it deterministically and
 * domain code can name its failures without knowing about Temporal.
 */
export const FailureType = {
  /** The dataset breaks the schema or cannot be trained on. */
  InvalidDataset: 'InvalidDataset',
  /** Workflow or CLI input that can never work (paths outside the data folder, bad parameters). */
  InvalidInput: 'InvalidInput',
  /** Model or preprocessor files that are missing or corrupt. */
  InvalidArtifact: 'InvalidArtifact',
  /** A registry conflict: lock held, production moved, no backup to roll back to. (A checksum mismatch is InvalidArtifact.) */
  Registry: 'RegistryError',
} as const;
export type FailureType = (typeof FailureType)[keyof typeof FailureType];

/** Every non-retryable type, for retry policies. */
export const NON_RETRYABLE_FAILURE_TYPES: string[] = Object.values(FailureType);
