/**
 * A registered model version, ready to explain: its verified model files, its
 * own preprocessor (the same loading path as score-version.ts), and a seeded
 * background sample of the training rows of the snapshot it was trained on
 * (the manifest names it; the rows are the training split every retrain uses).
 */
import type { ColumnTable } from 'arquero';
import type * as tf from '@tensorflow/tfjs';
import { loadSnapshotTable, stratifiedSplitIndices } from '../data';
import { LABEL_COLUMN } from '../data/schema';
import {
  DEFAULT_BACKGROUND_SEED,
  DEFAULT_BACKGROUND_SIZE,
  createExplainer,
  sampleBackgroundRows,
  type ModelExplainer,
} from '../explain';
import { loadPreprocessor, type PreprocessorState } from '../features';
import { initTensorflowBackend, loadModel } from '../model';
import type { ModelRegistry } from '../registry';
import { EVALUATION_SPLIT } from './split';

/** What loading a version for explanations needs. */
export interface LoadVersionExplainerOptions {
  readonly registry: ModelRegistry;
  readonly snapshotsDir: string;
  readonly version: string;
  /** @default DEFAULT_BACKGROUND_SIZE (50) */
  readonly backgroundSize?: number;
  /** @default DEFAULT_BACKGROUND_SEED */
  readonly backgroundSeed?: number;
  readonly logger?: { info(obj: object, msg: string): void };
}

/** A loaded version and its explainer; call `dispose` to release the model's tensors. */
export interface VersionExplainer {
  readonly version: string;
  readonly model: tf.LayersModel;
  readonly state: PreprocessorState;
  /** The background rows (raw columns). */
  readonly background: ColumnTable;
  /** md5 of the training snapshot the background was drawn from. */
  readonly backgroundDatasetMd5: string;
  readonly explainer: ModelExplainer;
  dispose(): void;
}

/**
 * Loads `version` (checksums verified) with a background of its training rows.
 *
 * @throws RegistryError when the version does not exist or its files do not match their checksums
 * @throws SnapshotError when the training snapshot is missing or damaged
 */
export async function loadVersionExplainer(options: LoadVersionExplainerOptions): Promise<VersionExplainer> {
  const { registry, version } = options;
  await initTensorflowBackend(options.logger);
  const dir = await registry.verifiedVersionDir(version);
  const manifest = await registry.readManifest(version);
  const training = await loadSnapshotTable(options.snapshotsDir, manifest.dataset.md5);
  const trainRows = stratifiedSplitIndices(
    training.array(LABEL_COLUMN) as ArrayLike<number>,
    EVALUATION_SPLIT,
  ).train;
  const rows = sampleBackgroundRows(
    trainRows,
    options.backgroundSize ?? DEFAULT_BACKGROUND_SIZE,
    options.backgroundSeed ?? DEFAULT_BACKGROUND_SEED,
  );
  const background = training.reify(Array.from(rows));
  const state = await loadPreprocessor(dir);
  const model = await loadModel(dir);
  return {
    version,
    model,
    state,
    background,
    backgroundDatasetMd5: manifest.dataset.md5,
    explainer: createExplainer(model, state, background),
    dispose: () => model.dispose(),
  };
}
