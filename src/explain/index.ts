/**
 * Explanations of the match model over the 14 raw input columns: exact and
 * sampled Shapley values of single predictions, and global importance
 * (permutation importance, mean |attribution|). No Temporal, no I/O.
 */
export { DEFAULT_BACKGROUND_SEED, DEFAULT_BACKGROUND_SIZE, sampleBackgroundRows } from './background';
export { ExplainInputError } from './errors';
export {
  DEFAULT_EXPLAIN_SEED,
  DEFAULT_SAMPLED_COALITIONS,
  ExplainMethod,
  MAX_SAMPLED_COALITIONS,
  MIN_SAMPLED_COALITIONS,
  createExplainer,
  type ExplainOptions,
  type Explanation,
  type ModelExplainer,
} from './explainer';
export { EXPLAINED_COLUMNS } from './explained-columns';
export {
  DEFAULT_ATTRIBUTION_ROWS,
  globalImportance,
  type GlobalImportance,
  type GlobalImportanceOptions,
} from './global-importance';
export { DEFAULT_TOP_MOVERS, importanceMovers, type ImportanceMove } from './importance-movers';
export {
  DEFAULT_PERMUTATION_REPEATS,
  DEFAULT_PERMUTATION_SEED,
  permutationImportance,
  type PermutationImportance,
  type PermutationImportanceOptions,
} from './permutation-importance';
export { modelPredictor, type MatrixPredictor } from './score-rows';
export {
  DEFAULT_TOP_CONTRIBUTORS,
  describeColumn,
  formatContribution,
  reasonLine,
  topContributions,
  type Contribution,
  type RawRow,
} from './reasons';
