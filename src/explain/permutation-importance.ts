/**
 * Permutation importance of the raw columns, with scikit-learn's semantics
 * (`sklearn.inspection.permutation_importance`, scoring="roc_auc"):
 *
 * - the baseline is the model's ROC AUC on the rows as they are;
 * - for each column and each of `nRepeats` repeats, that one raw column is
 *   permuted across the rows (everything the encoder derives from it — its
 *   one-hot block, and pair features such as `language_match` — follows, because
 *   the permuted table goes through the model's own preprocessing), and the
 *   importance is baseline − permuted score;
 * - importancesMean and importancesStd are the mean and the population standard
 *   deviation (numpy's default, ddof = 0) over the repeats;
 * - as in scikit-learn, every column sees the same sequence of permutations
 *   (it seeds one generator identically per column), so the columns are compared
 *   on equal draws.
 *
 * The permutations come from this project's seeded generator; scikit-learn's are
 * numpy's. To check the numbers against scikit-learn, a caller can pass the
 * permutations scikit-learn applied (the reference script exports them).
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { shuffledIndices } from '../data/random';
import { LABEL_COLUMN } from '../data/schema';
import type { PreprocessorState } from '../features/preprocessor-state';
import { transformRows } from '../features/transform-rows';
import { rocAuc } from '../metrics/roc-auc';
import { deriveSeed } from '../model/seeds';
import { ExplainInputError } from './errors';
import { EXPLAINED_COLUMNS } from './explained-columns';
import type { MatrixPredictor } from './score-rows';

/** Repeats per column unless a caller asks for others (scikit-learn's default). */
export const DEFAULT_PERMUTATION_REPEATS = 5;
/** Seed of the permutations unless a caller gives one. */
export const DEFAULT_PERMUTATION_SEED = 0;

/** Options of {@link permutationImportance}. */
export interface PermutationImportanceOptions {
  /** @default DEFAULT_PERMUTATION_REPEATS */
  readonly nRepeats?: number;
  /** @default DEFAULT_PERMUTATION_SEED */
  readonly seed?: number;
  /**
   * The permutation of the rows to apply at each repeat (row k takes the cell of
   * row `permutation[k]`), instead of drawing them; their count sets `nRepeats`.
   */
  readonly permutations?: readonly ArrayLike<number>[];
}

/** Importances of the raw columns, in EXPLAINED_COLUMNS order. */
export interface PermutationImportance {
  readonly columns: readonly string[];
  readonly scoring: 'roc_auc';
  readonly nRepeats: number;
  readonly seed: number;
  readonly rowCount: number;
  /** ROC AUC of the unpermuted rows. */
  readonly baselineScore: number;
  /** Per column, per repeat: baseline − score with the column permuted. */
  readonly importances: readonly (readonly number[])[];
  readonly importancesMean: readonly number[];
  readonly importancesStd: readonly number[];
}

function checkPermutation(permutation: ArrayLike<number>, n: number, repeat: number): void {
  const seen = new Uint8Array(n);
  if (permutation.length !== n) {
    throw new ExplainInputError(`permutations.${repeat}`, `has ${permutation.length} entries for ${n} rows`);
  }
  for (let k = 0; k < n; k++) {
    const i = permutation[k]!;
    if (!Number.isInteger(i) || i < 0 || i >= n || seen[i]) {
      throw new ExplainInputError(
        `permutations.${repeat}`,
        `is not a permutation of 0..${n - 1} (entry ${k}: ${i})`,
      );
    }
    seen[i] = 1;
  }
}

/**
 * Permutation importance of every raw column of a model (its forward pass
 * `predict` and its preprocessor `state`) on all rows of `table`
 * (the held-out rows, with the label column).
 *
 * @throws ExplainInputError when the rows lack a label or hold one class only (ROC AUC is
 *   undefined), nRepeats is not a positive integer, or a given permutation is not one
 */
export function permutationImportance(
  predict: MatrixPredictor,
  state: PreprocessorState,
  table: ColumnTable,
  options: PermutationImportanceOptions = {},
): PermutationImportance {
  const n = table.numRows();
  if (!table.columnNames().includes(LABEL_COLUMN)) {
    throw new ExplainInputError(LABEL_COLUMN, 'permutation importance needs the label column');
  }
  const seed = options.seed ?? DEFAULT_PERMUTATION_SEED;
  const nRepeats = options.permutations?.length ?? options.nRepeats ?? DEFAULT_PERMUTATION_REPEATS;
  if (!Number.isInteger(nRepeats) || nRepeats < 1) {
    throw new ExplainInputError('nRepeats', `must be a positive integer, got ${nRepeats}`);
  }
  const permutations =
    options.permutations ??
    Array.from({ length: nRepeats }, (_, r) => shuffledIndices(n, deriveSeed(seed, r + 1)));
  permutations.forEach((p, r) => checkPermutation(p, n, r));

  const all = Int32Array.from({ length: n }, (_, i) => i);
  const score = (rows: ColumnTable): number => {
    const matrix = transformRows(state, rows, all);
    return rocAuc(matrix.labels, predict(matrix));
  };
  const baselineScore = score(table);
  if (Number.isNaN(baselineScore)) {
    throw new ExplainInputError(LABEL_COLUMN, `the ${n} rows hold one class only: ROC AUC is undefined`);
  }
  const columns: Record<string, ArrayLike<unknown>> = {};
  for (const name of [...EXPLAINED_COLUMNS, LABEL_COLUMN])
    columns[name] = table.array(name) as ArrayLike<unknown>;

  const importances = EXPLAINED_COLUMNS.map((name) => {
    const original = columns[name]!;
    return permutations.map((permutation) => {
      const permuted = Array.from({ length: n }, (_, k) => original[permutation[k]!]);
      return baselineScore - score(aq.table({ ...columns, [name]: permuted }));
    });
  });
  const importancesMean = importances.map((row) => row.reduce((a, b) => a + b, 0) / row.length);
  const importancesStd = importances.map((row, j) => {
    const mean = importancesMean[j]!;
    return Math.sqrt(row.reduce((a, b) => a + (b - mean) ** 2, 0) / row.length);
  });
  return {
    columns: EXPLAINED_COLUMNS,
    scoring: 'roc_auc',
    nRepeats,
    seed,
    rowCount: n,
    baselineScore,
    importances,
    importancesMean,
    importancesStd,
  };
}
