/**
 * The estimated part of a monitoring period: CBPE fitted on the production
 * version's held-out test split (the rows it was evaluated on at promotion,
 * scored by it now with its own preprocessing), then applied to the period's
 * production scores as one chunk. With the period's outcomes that have
 * arrived, the realized values sit beside the estimates in the record.
 */
import { loadSnapshotTable } from '../../data';
import { predictWithVersion } from '../../pipeline/score-version';
import { analyseSnapshotRows } from '../../pipeline/split';
import type { ModelRegistry } from '../../registry';
import { CBPE_METRICS, estimateCbpeChunk, fitCbpe, type FittedCbpe } from '../cbpe';
import { finiteOrNull, type PeriodEstimate, type StoredEstimate } from './period-record';

/**
 * Fits CBPE for a version on its held-out test split.
 *
 * @throws RegistryError when the version's artifacts are missing or damaged
 */
export async function fitCbpeForVersion(
  registry: ModelRegistry,
  snapshotsDir: string,
  version: string,
): Promise<FittedCbpe> {
  const manifest = await registry.readManifest(version);
  const table = await loadSnapshotTable(snapshotsDir, manifest.dataset.md5);
  const { split } = await analyseSnapshotRows(table);
  const { labels, probabilities } = await predictWithVersion(registry, version, table, split.test);
  return fitCbpe({ labels, scores: probabilities });
}

/**
 * Estimates the period's performance from its production scores.
 *
 * @param fitted - undefined without a production version
 */
export function estimatePeriod(
  fitted: FittedCbpe | undefined,
  scores: readonly number[],
  minRows: number,
): PeriodEstimate {
  if (!fitted) return { status: 'no_reference', rows: scores.length, calibrated: null, metrics: {} };
  if (scores.length < Math.max(1, minRows))
    return {
      status: 'not_enough_traffic',
      rows: scores.length,
      calibrated: fitted.calibration.calibrate,
      metrics: {},
    };
  const chunk = estimateCbpeChunk(fitted, scores);
  const metrics: Partial<Record<(typeof CBPE_METRICS)[number], StoredEstimate>> = {};
  for (const name of CBPE_METRICS) {
    const e = chunk.metrics[name];
    metrics[name] = {
      value: finiteOrNull(e.value),
      lower: finiteOrNull(e.lower),
      upper: finiteOrNull(e.upper),
      lowerThreshold: finiteOrNull(e.lowerThreshold),
      upperThreshold: finiteOrNull(e.upperThreshold),
      alert: e.alert,
    };
  }
  return { status: 'estimated', rows: scores.length, calibrated: fitted.calibration.calibrate, metrics };
}
