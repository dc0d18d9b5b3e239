/**
 * Which engineered features the preprocessor produces (format version 1), and
 * in which order. Categorical columns come from the dataset schema, so a column
 * added there is picked up here; the derived pair features are listed by hand.
 */
import { FEATURE_COLUMNS, LABEL_COLUMN } from '../data/schema';

/** Pair features computed from two columns of the same row (see `derived-features.ts`). */
export const DERIVED_FLAG_FEATURES = ['specialization_match', 'language_match', 'region_match'] as const;
/** Derived feature that counts the lawyer's languages; it is standardised like a numeric column. */
export const LANGUAGE_COUNT_FEATURE = 'lawyer_language_count';
/** Every derived feature name. */
export const DERIVED_FEATURES = [...DERIVED_FLAG_FEATURES, LANGUAGE_COUNT_FEATURE] as const;
/** A derived feature name. */
export type DerivedFeature = (typeof DERIVED_FEATURES)[number];

/**
 * Numeric columns transformed with log1p before standardisation. Both are
 * right-skewed counts/distances with a long tail (a few lawyers carry 150+
 * cases, a few clients live hundreds of km away): on a linear scale those rows
 * would sit 5–10 standard deviations out and dominate the first layer's
 * gradients, while the useful contrast (2 vs 20 km, 5 vs 40 cases) would be
 * squeezed near the mean. log1p keeps 0 at 0 and needs no fitted offset.
 */
export const LOG1P_COLUMNS: ReadonlySet<string> = new Set(['distance_km', 'lawyer_caseload']);

/** Numeric and integer columns, standardised (after log1p where listed). */
export const SCALED_COLUMNS: readonly string[] = FEATURE_COLUMNS.filter(
  (c) => c.kind === 'number' || c.kind === 'integer',
).map((c) => c.name);

/** Binary feature columns, passed through as 0/1. */
export const BINARY_COLUMNS: readonly string[] = FEATURE_COLUMNS.filter((c) => c.kind === 'binary').map(
  (c) => c.name,
);

/** Categorical columns, one-hot encoded. */
export const ONE_HOT_COLUMNS: readonly string[] = FEATURE_COLUMNS.filter((c) => c.kind === 'categorical').map(
  (c) => c.name,
);

/** Set-valued columns, multi-hot encoded. */
export const MULTI_HOT_COLUMNS: readonly string[] = FEATURE_COLUMNS.filter(
  (c) => c.kind === 'categorical_set',
).map((c) => c.name);

/** Name of the label column the preprocessor copies into `FeatureMatrix.labels`. */
export const PREPROCESSOR_LABEL_COLUMN = LABEL_COLUMN;

/** Name of the one-hot or multi-hot feature for `value` of `column`, e.g. `client_region=north`. */
export function categoryFeatureName(column: string, value: string): string {
  return `${column}=${value}`;
}
