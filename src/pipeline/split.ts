/**
 * How every run splits a snapshot into train, validation and test rows.
 *
 * The seed is fixed and independent of the training seed, so candidate and
 * production are always compared on the same held-out rows of a snapshot,
 * whatever training parameters a run overrides.
 */
export const EVALUATION_SPLIT = {
  seed: 20251108,
  validationFraction: 0.15,
  testFraction: 0.15,
} as const;
