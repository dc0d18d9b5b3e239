/**
 * What a model relies on overall, as two small per-column summaries an approver
 * can compare between candidate and production:
 * - permutation importance on the held-out rows (how much ROC AUC drops when a
 *   column's values are shuffled: what the model's ranking needs), and
 * - mean |attribution| over a seeded sample of those rows (how far each column
 *   moves individual predictions: what the model's outputs lean on).
 * Only these numbers leave this module — no rows, no attributions per row.
 */
import type { ColumnTable } from 'arquero';
import { shuffledIndices } from '../data/random';
import type { PreprocessorState } from '../features/preprocessor-state';
import { ExplainInputError } from './errors';
import { ExplainMethod, createExplainer, type ExplainOptions } from './explainer';
import { EXPLAINED_COLUMNS } from './explained-columns';
import { permutationImportance, type PermutationImportanceOptions } from './permutation-importance';
import type { MatrixPredictor } from './score-rows';

/** Held-out rows whose attributions are averaged unless a caller asks for another count. */
export const DEFAULT_ATTRIBUTION_ROWS = 100;

/** Options of {@link globalImportance}. */
export interface GlobalImportanceOptions {
  readonly permutation?: PermutationImportanceOptions;
  /** Rows of the held-out set to explain for mean |attribution|. @default DEFAULT_ATTRIBUTION_ROWS */
  readonly attributionRows?: number;
  /** Seed of that sample of rows. @default 0 */
  readonly attributionSeed?: number;
  /** How each row is explained. @default the sampled estimate with its default budget */
  readonly explain?: ExplainOptions;
}

/** Per-column global importance of one model; every array in EXPLAINED_COLUMNS order. */
export interface GlobalImportance {
  readonly columns: readonly string[];
  readonly permutation: {
    readonly scoring: 'roc_auc';
    readonly rowCount: number;
    readonly nRepeats: number;
    readonly seed: number;
    readonly baselineScore: number;
    readonly mean: readonly number[];
    readonly std: readonly number[];
  };
  readonly meanAbsAttribution: {
    readonly rowCount: number;
    readonly method: ExplainMethod;
    readonly values: readonly number[];
  };
}

/**
 * Permutation importance and mean |attribution| of a model (forward pass and
 * preprocessor) on `heldOut`
 * (rows with the label), attributions against `background`.
 *
 * @throws ExplainInputError on bad options, rows of one class, or a bad background
 */
export function globalImportance(
  predict: MatrixPredictor,
  state: PreprocessorState,
  heldOut: ColumnTable,
  background: ColumnTable,
  options: GlobalImportanceOptions = {},
): GlobalImportance {
  const wanted = options.attributionRows ?? DEFAULT_ATTRIBUTION_ROWS;
  if (!Number.isInteger(wanted) || wanted < 1) {
    throw new ExplainInputError('attributionRows', `must be a positive integer, got ${wanted}`);
  }
  const permutation = permutationImportance(predict, state, heldOut, options.permutation);
  const order = shuffledIndices(heldOut.numRows(), options.attributionSeed ?? 0);
  const rows = order.subarray(0, Math.min(wanted, order.length));
  const explainer = createExplainer(predict, state, background);
  const explainOptions: ExplainOptions = { method: ExplainMethod.Sampled, ...options.explain };
  const sums = new Float64Array(EXPLAINED_COLUMNS.length);
  for (const row of rows) {
    explainer.explain(heldOut, row, explainOptions).attributions.forEach((a, j) => (sums[j]! += Math.abs(a)));
  }
  return {
    columns: EXPLAINED_COLUMNS,
    permutation: {
      scoring: permutation.scoring,
      rowCount: permutation.rowCount,
      nRepeats: permutation.nRepeats,
      seed: permutation.seed,
      baselineScore: permutation.baselineScore,
      mean: permutation.importancesMean,
      std: permutation.importancesStd,
    },
    meanAbsAttribution: {
      rowCount: rows.length,
      method: explainOptions.method ?? ExplainMethod.Sampled,
      values: Array.from(sums, (s) => s / rows.length),
    },
  };
}
