/**
 * Which drift method scores a column, its default threshold, and which side
 * of the threshold means drift: Evidently's DataDriftPreset / DataDriftTable
 * defaults (`_get_default_stattest` in `evidently/legacy/calculations/stattests/registry.py`,
 * checked against Evidently 0.7.23).
 */

/** How a column is tested: as numbers or as categories. */
export type ColumnDriftType = 'numeric' | 'categorical';

/** The drift methods, named as Evidently names them (its `stattest` names). */
export const DriftMethod = {
  /** Two-sample Kolmogorov–Smirnov p-value (`ks`). */
  KolmogorovSmirnov: 'ks',
  /** Pearson chi-squared p-value against reference proportions (`chisquare`). */
  ChiSquared: 'chisquare',
  /** Two-proportion Z-test p-value (`z`). */
  ZTest: 'z',
  /** Wasserstein distance divided by the reference standard deviation (`wasserstein`). */
  Wasserstein: 'wasserstein',
  /** Jensen–Shannon distance of binned shares (`jensenshannon`). */
  JensenShannon: 'jensenshannon',
  /** Population Stability Index of binned shares (`psi`). */
  Psi: 'psi',
} as const;
/** One of the {@link DriftMethod} names. */
export type DriftMethod = (typeof DriftMethod)[keyof typeof DriftMethod];

/** Every method name, for validating configuration. */
export const DRIFT_METHODS: readonly DriftMethod[] = Object.values(DriftMethod);

/** Evidently's `default_threshold` of each method. */
export const DEFAULT_THRESHOLDS: Readonly<Record<DriftMethod, number>> = {
  ks: 0.05,
  chisquare: 0.05,
  z: 0.05,
  wasserstein: 0.1,
  jensenshannon: 0.1,
  psi: 0.1,
};

/**
 * Column types each method accepts when chosen explicitly (Evidently's
 * `allowed_feature_types`). The defaults below apply chi-squared and Z to
 * numeric columns with few values, but Evidently refuses them as explicit
 * choices for a numeric column, and so does this module.
 */
export const METHOD_COLUMN_TYPES: Readonly<Record<DriftMethod, readonly ColumnDriftType[]>> = {
  ks: ['numeric'],
  chisquare: ['categorical'],
  z: ['categorical'],
  wasserstein: ['numeric'],
  jensenshannon: ['numeric', 'categorical'],
  psi: ['numeric', 'categorical'],
};

/** References with at most this many rows are "small": tests with p-values. Above: distances. */
export const SMALL_REFERENCE_MAX_ROWS = 1000;
/** Numeric columns with at most this many distinct values are tested as categories. */
export const NUMERIC_FEW_VALUES_MAX = 5;
/** With at most this many distinct values a small reference uses the Z-test instead of chi-squared. */
export const BINARY_VALUES_MAX = 2;

/** What {@link selectDefaultMethod} needs to know about a column. */
export interface MethodSelectionInput {
  readonly type: ColumnDriftType;
  /** Reference rows with a value (after dropping nulls). */
  readonly referenceRows: number;
  /**
   * Distinct values in reference and current together: Evidently counts
   * `pd.concat([reference, current]).nunique()`, not the reference alone.
   */
  readonly distinctValues: number;
}

/**
 * Evidently's default method for a column:
 *
 * | reference rows | numeric, > 5 values | numeric, 3–5 | numeric, ≤ 2 | categorical, > 2 | categorical, ≤ 2 |
 * | ≤ 1000         | ks                  | chisquare    | z            | chisquare        | z                |
 * | > 1000         | wasserstein         | jensenshannon| jensenshannon| jensenshannon    | jensenshannon    |
 */
export function selectDefaultMethod(input: MethodSelectionInput): DriftMethod {
  const { type, referenceRows, distinctValues } = input;
  const asCategories = type === 'categorical' || distinctValues <= NUMERIC_FEW_VALUES_MAX;
  if (referenceRows <= SMALL_REFERENCE_MAX_ROWS) {
    if (!asCategories) return DriftMethod.KolmogorovSmirnov;
    return distinctValues > BINARY_VALUES_MAX ? DriftMethod.ChiSquared : DriftMethod.ZTest;
  }
  return asCategories ? DriftMethod.JensenShannon : DriftMethod.Wasserstein;
}

/** True for methods whose score is a p-value (small means drift); false for distances. */
export function isPValueMethod(method: DriftMethod): boolean {
  return method === 'ks' || method === 'chisquare' || method === 'z';
}

/**
 * Whether a score means drift, with the exact inequality each Evidently test uses:
 * `ks`: p ≤ threshold; `chisquare`, `z`: p < threshold;
 * `wasserstein`, `jensenshannon`, `psi`: score ≥ threshold.
 */
export function isDrifted(method: DriftMethod, score: number, threshold: number): boolean {
  switch (method) {
    case 'ks':
      return score <= threshold;
    case 'chisquare':
    case 'z':
      return score < threshold;
    case 'wasserstein':
    case 'jensenshannon':
    case 'psi':
      return score >= threshold;
  }
}

/** Narrows an unknown string to a {@link DriftMethod}. */
export function isDriftMethod(name: unknown): name is DriftMethod {
  return typeof name === 'string' && (DRIFT_METHODS as readonly string[]).includes(name);
}
