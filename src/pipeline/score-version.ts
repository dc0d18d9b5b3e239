import type { ColumnTable } from 'arquero';
import type { ModelRegistry } from '../registry';
import { loadVersionScorer } from './version-scorer';

/** A model version's predictions on some rows, aligned with their labels. */
export interface VersionPredictions {
  /** 0/1 ground truth of the scored rows. */
  readonly labels: ArrayLike<number>;
  /** Predicted probability of a match per row. */
  readonly probabilities: Float32Array;
}

/**
 * Scores a model version on the given rows with its OWN preprocessing (the
 * encoders and scalers saved with it), after verifying its artifact checksums.
 *
 * @throws RegistryError VERSION_NOT_FOUND or CHECKSUM_MISMATCH
 */
export async function predictWithVersion(
  registry: ModelRegistry,
  version: string,
  table: ColumnTable,
  rows: ArrayLike<number>,
): Promise<VersionPredictions> {
  const scorer = await loadVersionScorer(registry, version);
  try {
    const matrix = scorer.encode(table, rows);
    return { labels: matrix.labels, probabilities: scorer.predict(matrix) };
  } finally {
    scorer.dispose();
  }
}
