/** The match model: backend selection, architecture, training with checkpoints, artifacts, prediction. */
export {
  ARCHITECTURE_VERSION,
  HIDDEN_UNITS,
  OUTPUT_LAYER,
  buildMatchModel,
  disposeMatchModel,
} from './architecture';
export { MODEL_FILES, loadModel, saveModel } from './artifacts';
export {
  TENSORFLOW_BACKENDS,
  initTensorflowBackend,
  selectTensorflowBackend,
  type BackendLogger,
  type BackendSelectionOptions,
  type TensorflowBackend,
} from './backend';
export { CHECKPOINT_FILE } from './checkpoint';
export { balancedClassWeights, classWeightsFor, type BinaryClassWeights } from './class-weights';
export { LOGISTIC_REGRESSION, MODEL_FAMILIES, modelFamilyOf, type ModelFamily } from './model-family';
export type { EpochProgress } from './epoch-progress';
export { ModelArtifactError, TrainingDataError, TrainingParamsError } from './errors';
export { predictProbabilities } from './predict';
export type { TrainingLogger } from './resume';
export { SeededDropout } from './seeded-dropout';
export { trainMatchModel, type TrainMatchModelOptions, type TrainingResult } from './train';
export {
  CLASS_WEIGHTINGS,
  DEFAULT_TRAINING_PARAMS,
  MAX_HIDDEN_LAYERS,
  type ClassWeighting,
  parseTrainingParams,
  trainingParamsSchema,
  type TrainingParams,
} from './training-params';
