/** Hyper-parameter search with Optuna's semantics: search spaces, samplers, the median pruner. */
export * from './distributions';
export { SearchSpaceError, StudySettingsError } from './errors';
export {
  DEFAULT_MEDIAN_PRUNER,
  firstPrunedStep,
  shouldPrune,
  type MedianPrunerSettings,
} from './median-pruner';
export {
  buildParzenEstimator,
  defaultWeights,
  parzenLogPdf,
  sampleParzenEstimator,
  type ParzenEstimator,
  type ParzenEstimatorSettings,
} from './parzen-estimator';
export { sampleRandom } from './random-sampler';
export * from './search-space';
export * from './search-space-file';
export * from './study-settings';
export {
  DEFAULT_HIDDEN_UNITS,
  checkFixedParams,
  suggestTrial,
  unitsParameter,
  type SuggestTrialInput,
} from './suggest';
export {
  DEFAULT_TPE_SETTINGS,
  defaultGamma,
  sampleTpe,
  splitTrials,
  type Direction,
  type TpeSettings,
} from './tpe-sampler';
export { TrialState, type FinishedTrial } from './trial-record';
