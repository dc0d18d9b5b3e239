/**
 * Explains single predictions of one loaded model against one background:
 * exact Shapley values over the 14 raw columns, or the sampled KernelSHAP
 * estimate when time is short. Both are deterministic (the estimate is seeded)
 * and both add up: baseValue + Σ attributions = prediction, to float rounding.
 */
import type { ColumnTable } from 'arquero';
import type { PreprocessorState } from '../features/preprocessor-state';
import { createCoalitionEncoder } from './coalition-encoder';
import { ExplainInputError } from './errors';
import { exactShapley, type ShapleyResult } from './exact-shapley';
import { EXPLAINED_COLUMNS } from './explained-columns';
import { kernelShap } from './kernel-shap';
import type { MatrixPredictor } from './score-rows';

/** How attributions are computed. */
export const ExplainMethod = {
  /** Every coalition of the 14 columns: the exact Shapley values. */
  Exact: 'exact',
  /** A seeded KernelSHAP estimate from a budget of coalitions. */
  Sampled: 'sampled',
} as const;
/** One of {@link ExplainMethod}. */
export type ExplainMethod = (typeof ExplainMethod)[keyof typeof ExplainMethod];

/**
 * Coalitions per background row of the sampled estimate unless a caller asks for
 * others: with a 50-row background, at most 12,800 model rows (fewer when rows
 * differ in few columns); its error against the exact values is measured in
 * kernel-shap.test.ts and BENCHMARKS.md.
 */
export const DEFAULT_SAMPLED_COALITIONS = 256;
/** Fewest coalitions per background row: below about 2 × 14 the regression is close to singular. */
export const MIN_SAMPLED_COALITIONS = 32;
/** Seed of the sampled estimate unless a caller gives one. */
export const DEFAULT_EXPLAIN_SEED = 17;
/** Most coalitions per background row a caller may ask for (2^14: then every row is enumerated). */
export const MAX_SAMPLED_COALITIONS = 2 ** 14;

/** Options of {@link ModelExplainer.explain}. */
export interface ExplainOptions {
  /** @default 'exact' */
  readonly method?: ExplainMethod;
  /** Coalitions per background row of the sampled estimate. @default DEFAULT_SAMPLED_COALITIONS */
  readonly samples?: number;
  /** Seed of the sampled estimate. @default DEFAULT_EXPLAIN_SEED */
  readonly seed?: number;
}

/** The attributions of one prediction; plain numbers, ready for JSON. */
export interface Explanation {
  /** The explained columns, in schema order. */
  readonly columns: readonly string[];
  /** Per column: how much it moves the predicted probability away from `baseValue`. */
  readonly attributions: readonly number[];
  /** Mean prediction over the background: what the model says knowing nothing about this pair. */
  readonly baseValue: number;
  /** The predicted match probability of the explained row. */
  readonly prediction: number;
  readonly method: ExplainMethod;
  /** Coalitions evaluated (for the sampled estimate, summed over the background rows). */
  readonly coalitions: number;
  /** Rows the model scored for this explanation. */
  readonly modelRows: number;
}

/** Explains rows with one model and one background. */
export interface ModelExplainer {
  /** Rows in the background. */
  readonly backgroundSize: number;
  /**
   * Explains row `row` of `table` (a table with the 14 raw columns; the label, if
   * present, is ignored).
   *
   * @throws ExplainInputError on a bad row, column or option
   */
  explain(table: ColumnTable, row: number, options?: ExplainOptions): Explanation;
}

function checkOptions(options: ExplainOptions): Required<ExplainOptions> {
  const method = options.method ?? ExplainMethod.Exact;
  if (method !== ExplainMethod.Exact && method !== ExplainMethod.Sampled) {
    throw new ExplainInputError('method', `must be "exact" or "sampled", got ${JSON.stringify(method)}`);
  }
  const samples = options.samples ?? DEFAULT_SAMPLED_COALITIONS;
  if (!Number.isInteger(samples) || samples < MIN_SAMPLED_COALITIONS || samples > MAX_SAMPLED_COALITIONS) {
    throw new ExplainInputError(
      'samples',
      `must be an integer from ${MIN_SAMPLED_COALITIONS} to ${MAX_SAMPLED_COALITIONS}, got ${samples}`,
    );
  }
  const seed = options.seed ?? DEFAULT_EXPLAIN_SEED;
  if (!Number.isInteger(seed)) throw new ExplainInputError('seed', `must be an integer, got ${seed}`);
  return { method, samples, seed };
}

function toExplanation(result: ShapleyResult, method: ExplainMethod): Explanation {
  return {
    columns: EXPLAINED_COLUMNS,
    attributions: Array.from(result.attributions),
    baseValue: result.baseValue,
    prediction: result.prediction,
    method,
    coalitions: result.coalitions,
    modelRows: result.modelRows,
  };
}

/**
 * An explainer of a model version — its forward pass `predict` and its own
 * fitted `state` — against `background`. The model is borrowed: the caller
 * disposes of it.
 *
 * @param background - the background rows (a sample of the model's training rows), raw columns
 * @throws ExplainInputError when the background is empty or lacks a column
 */
export function createExplainer(
  predict: MatrixPredictor,
  state: PreprocessorState,
  background: ColumnTable,
): ModelExplainer {
  if (background.numRows() === 0) throw new ExplainInputError('background', 'has no rows');
  return {
    backgroundSize: background.numRows(),
    explain(table, row, options = {}) {
      const { method, samples, seed } = checkOptions(options);
      const encoder = createCoalitionEncoder(state, table, row, background);
      const result =
        method === ExplainMethod.Exact
          ? exactShapley(predict, state.featureNames, encoder)
          : kernelShap(predict, state.featureNames, encoder, { samples, seed });
      return toExplanation(result, method);
    },
  };
}
