/**
 * Lineage: which data, parameters, evaluation, approval and run stand behind a
 * model version, and which versions were trained on a dataset snapshot. Read
 * from the registry's immutable records, so the answer cannot drift from what
 * was actually trained.
 */
import type { ClassificationMetrics } from '../metrics';
import type { OutcomeRecord, ModelRegistry, ModelStage, ModelManifest } from '../registry';
import type { RunRecord } from './run-record';
import type { RunStore } from './run-store';

/** Everything known about how a model version came to be. */
export interface ModelLineage {
  readonly version: string;
  readonly createdAt: string;
  /** The snapshot it was trained on (md5, data rows, source path). */
  readonly dataset: ModelManifest['dataset'];
  /** Training parameters as the manifest recorded them. */
  readonly params: ModelManifest['training']['params'];
  readonly training: Omit<ModelManifest['training'], 'params'>;
  /** Held-out metrics from `evaluation.json`; absent before evaluation. */
  readonly metrics?: ClassificationMetrics;
  /** Who approved or rejected it; absent while undecided. */
  readonly decision?: OutcomeRecord;
  /** The Temporal workflow that trained it. */
  readonly workflow: ModelManifest['run'];
  /** The retrain run record of that workflow, when the run store has one. */
  readonly run?: RunRecord;
}

/**
 * The lineage of `version`. The producing run is the retrain record with the
 * manifest's workflow and run id; failing that, a retrain record naming the
 * version (runs recorded before the manifest carried the run id).
 *
 * @throws RegistryError VERSION_NOT_FOUND
 */
export async function modelLineage(
  registry: ModelRegistry,
  runStore: RunStore,
  version: string,
): Promise<ModelLineage> {
  const manifest = await registry.readManifest(version);
  const [evaluation, decision, retrains] = await Promise.all([
    registry.readEvaluation(version),
    registry.readOutcome(version),
    runStore.list({ kind: 'retrain' }),
  ]);
  const run =
    retrains.find((r) => r.workflowId === manifest.run.workflowId && r.runId === manifest.run.runId) ??
    retrains.find((r) => r.modelVersion === version);
  const { params, ...training } = manifest.training;
  return {
    version,
    createdAt: manifest.createdAt,
    dataset: manifest.dataset,
    params,
    training,
    workflow: manifest.run,
    ...(evaluation ? { metrics: evaluation.candidate } : {}),
    ...(decision ? { decision } : {}),
    ...(run ? { run } : {}),
  };
}

/** A model version trained on a given snapshot. */
export interface DatasetModel {
  readonly version: string;
  readonly stage: ModelStage;
  readonly createdAt: string;
  readonly rocAuc?: number | null;
}

/** Every model version trained on snapshot `md5`, newest first. */
export async function datasetLineage(registry: ModelRegistry, md5: string): Promise<DatasetModel[]> {
  const versions = await registry.listVersions();
  return versions
    .filter((v) => v.manifest.dataset.md5 === md5)
    .map((v) => ({
      version: v.version,
      stage: v.stage,
      createdAt: v.manifest.createdAt,
      ...(v.evaluation ? { rocAuc: v.evaluation.candidate.rocAuc } : {}),
    }));
}
