/**
 * A registered model version, ready to explain: loaded through
 * `loadVersionScorer` (checksums verified, its own preprocessor and weights —
 * the path evaluation and serving score with), with a seeded background sample
 * of the training rows of the snapshot it was trained on (the manifest names
 * it; the rows are the training split every retrain uses).
 */
import type { ColumnTable } from 'arquero';
import { loadSnapshotTable } from '../data';
import {
  DEFAULT_BACKGROUND_SEED,
  DEFAULT_BACKGROUND_SIZE,
  createExplainer,
  sampleBackgroundRows,
  type ModelExplainer,
} from '../explain';
import { initTensorflowBackend } from '../model';
import type { ModelRegistry } from '../registry';
import { analyseSnapshotRows } from './split';
import { loadVersionScorer, type VersionScorer } from './version-scorer';

/** Where a version's background comes from and how large it is. */
export interface BackgroundOptions {
  /** @default DEFAULT_BACKGROUND_SIZE (50) */
  readonly backgroundSize?: number;
  /** @default DEFAULT_BACKGROUND_SEED */
  readonly backgroundSeed?: number;
}

/** What loading a version for explanations needs. */
export interface LoadVersionExplainerOptions extends BackgroundOptions {
  readonly registry: ModelRegistry;
  readonly snapshotsDir: string;
  readonly version: string;
  readonly logger?: { info(obj: object, msg: string): void };
}

/** A loaded version and its explainer; call `dispose` to release the model's tensors. */
export interface VersionExplainer {
  readonly scorer: VersionScorer;
  /** The background rows (raw columns). */
  readonly background: ColumnTable;
  /** md5 of the training snapshot the background was drawn from. */
  readonly backgroundDatasetMd5: string;
  readonly explainer: ModelExplainer;
  dispose(): void;
}

/**
 * The background of `version`: a seeded sample of the training rows of the
 * snapshot it was trained on.
 *
 * @throws RegistryError when the version does not exist
 * @throws SnapshotError when the training snapshot is missing or damaged
 */
export async function loadVersionBackground(
  registry: ModelRegistry,
  snapshotsDir: string,
  version: string,
  options: BackgroundOptions = {},
): Promise<{ readonly table: ColumnTable; readonly datasetMd5: string }> {
  const manifest = await registry.readManifest(version);
  const training = await loadSnapshotTable(snapshotsDir, manifest.dataset.md5);
  const rows = sampleBackgroundRows(
    (await analyseSnapshotRows(training)).split.train,
    options.backgroundSize ?? DEFAULT_BACKGROUND_SIZE,
    options.backgroundSeed ?? DEFAULT_BACKGROUND_SEED,
  );
  return { table: training.reify(Array.from(rows)), datasetMd5: manifest.dataset.md5 };
}

/**
 * Loads `version` (checksums verified) with a background of its training rows.
 *
 * @throws RegistryError when the version does not exist or its files do not match their checksums
 * @throws SnapshotError when the training snapshot is missing or damaged
 */
export async function loadVersionExplainer(options: LoadVersionExplainerOptions): Promise<VersionExplainer> {
  await initTensorflowBackend(options.logger);
  const background = await loadVersionBackground(
    options.registry,
    options.snapshotsDir,
    options.version,
    options,
  );
  const scorer = await loadVersionScorer(options.registry, options.version);
  return {
    scorer,
    background: background.table,
    backgroundDatasetMd5: background.datasetMd5,
    explainer: createExplainer((m) => scorer.predict(m), scorer.preprocessor, background.table),
    dispose: () => scorer.dispose(),
  };
}
