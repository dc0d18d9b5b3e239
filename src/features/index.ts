/** Feature engineering: fitted on training rows, saved with the model, reused at evaluation and serving. */
export { assertFeatureMatrix, type FeatureMatrix } from './feature-matrix';
export {
  DERIVED_FEATURES,
  DERIVED_FLAG_FEATURES,
  LANGUAGE_COUNT_FEATURE,
  LOG1P_COLUMNS,
  categoryFeatureName,
  type DerivedFeature,
} from './feature-spec';
export { PreprocessorFileError } from './errors';
export { fitPreprocessor } from './fit-preprocessor';
export {
  PREPROCESSOR_FORMAT_VERSION,
  featureNamesFor,
  preprocessorStateSchema,
  type CategoryVocabulary,
  type PreprocessorState,
  type ScaleTransform,
  type ScaledFeature,
} from './preprocessor-state';
export { PREPROCESSOR_FILE, loadPreprocessor, savePreprocessor } from './preprocessor-io';
export { transformRows } from './transform-rows';
