/**
 * Global importance of registered model versions on the held-out rows of a
 * snapshot: what the evaluation report and the approval status show. Returns
 * small numbers only (14 per measure per model).
 */
import type { ColumnTable } from 'arquero';
import { loadSnapshotTable } from '../data';
import { globalImportance, type GlobalImportance, type GlobalImportanceOptions } from '../explain';
import type { ModelRegistry } from '../registry';
import { analyseSnapshotRows } from './split';
import { loadVersionExplainer } from './version-explainer';

/**
 * What the pipeline computes unless told otherwise: scikit-learn's 5 repeats,
 * and mean |attribution| over 50 held-out rows with the sampled estimate at
 * 128 coalitions per background row (about 0.3 M model rows per model, a
 * fraction of a second to a few seconds; its error, under 0.01 per row, mostly
 * averages out over the rows).
 */
export const PIPELINE_IMPORTANCE_OPTIONS: GlobalImportanceOptions = {
  permutation: { nRepeats: 5, seed: 0 },
  attributionRows: 50,
  explain: { method: 'sampled', samples: 128 },
};

/** What computing versions' importance needs. */
export interface VersionImportanceOptions {
  readonly registry: ModelRegistry;
  readonly snapshotsDir: string;
  /** md5 of the snapshot whose held-out rows are used. */
  readonly datasetMd5: string;
  readonly versions: readonly string[];
  /** @default PIPELINE_IMPORTANCE_OPTIONS */
  readonly options?: GlobalImportanceOptions;
  /** The snapshot's table, when the caller has loaded it already. */
  readonly table?: ColumnTable;
  /** The held-out rows of `table`, when the caller has them. */
  readonly rows?: ArrayLike<number>;
  readonly logger?: { info(obj: object, msg: string): void };
}

/**
 * Each version's global importance on the same held-out rows, in `versions` order.
 *
 * @throws RegistryError, SnapshotError, ExplainInputError (rows of one class)
 */
export async function computeVersionImportance(input: VersionImportanceOptions): Promise<GlobalImportance[]> {
  const table = input.table ?? (await loadSnapshotTable(input.snapshotsDir, input.datasetMd5));
  const rows = input.rows ?? (await analyseSnapshotRows(table)).split.test;
  const heldOut = table.reify(Array.from(rows));
  const results: GlobalImportance[] = [];
  for (const version of input.versions) {
    const loaded = await loadVersionExplainer({
      registry: input.registry,
      snapshotsDir: input.snapshotsDir,
      version,
      ...(input.logger ? { logger: input.logger } : {}),
    });
    try {
      const started = performance.now();
      results.push(
        globalImportance(
          (m) => loaded.scorer.predict(m),
          loaded.scorer.preprocessor,
          heldOut,
          loaded.background,
          input.options ?? PIPELINE_IMPORTANCE_OPTIONS,
        ),
      );
      input.logger?.info(
        {
          version,
          datasetMd5: input.datasetMd5,
          rows: heldOut.numRows(),
          ms: Math.round(performance.now() - started),
        },
        'global importance computed',
      );
    } finally {
      loaded.dispose();
    }
  }
  return results;
}
