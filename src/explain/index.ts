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
