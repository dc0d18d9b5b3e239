/**
 * One model version ready to score: its own preprocessing and weights, loaded
 * after its artifact checksums were verified. Evaluation (`predictWithVersion`)
 * and online serving (`src/serving`) both score through this one object, so a
 * probability from the server is the one evaluation computes for the same row.
 */
import type { ColumnTable } from 'arquero';
import { loadPreprocessor, transformRows, type FeatureMatrix, type PreprocessorState } from '../features';
import { loadModel, predictProbabilities } from '../model';
import type { ModelRegistry } from '../registry';

/** A loaded model version: score rows with it, then dispose of it. */
export interface VersionScorer {
  readonly version: string;
  /** The fitted encoders and scalers saved with the version. */
  readonly preprocessor: PreprocessorState;
  /** Encodes `rows` of `table` with the version's preprocessor (labels copied when present). */
  encode(table: ColumnTable, rows: ArrayLike<number>): FeatureMatrix;
  /** Predicted match probability per row of `matrix`. */
  predict(matrix: FeatureMatrix): Float32Array;
  /** Releases the model's tensors; the scorer must not be used afterwards. */
  dispose(): void;
}

/**
 * Loads `version` for scoring: verifies every artifact against the manifest's
 * sha256, reads `preprocessor.json`, then loads the tfjs model.
 *
 * @throws RegistryError VERSION_NOT_FOUND or CHECKSUM_MISMATCH; ModelArtifactError
 *   or PreprocessorFileError when a file is unreadable or malformed
 */
export async function loadVersionScorer(registry: ModelRegistry, version: string): Promise<VersionScorer> {
  // Read under the registry's lease, so a bounded cache never evicts the files mid-load.
  const { preprocessor, model } = await registry.withVersionDir(version, async (dir) => ({
    preprocessor: await loadPreprocessor(dir),
    model: await loadModel(dir),
  }));
  return {
    version,
    preprocessor,
    encode: (table, rows) => transformRows(preprocessor, table, rows),
    predict: (matrix) => predictProbabilities(model, matrix),
    dispose: () => model.dispose(),
  };
}
