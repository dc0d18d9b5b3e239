import { pullSnapshot } from '../src/data/snapshot-sync';
import type { ActivityDeps } from './deps';

/**
 * Makes the snapshot `md5` present in this worker's snapshot folder before an
 * activity reads it: with a shared store, it is downloaded once per machine
 * (the folder is the local cache, bounded by `snapshotCacheMaxBytes`); without
 * one, the folder already is the only copy and nothing happens.
 */
export async function ensureLocalSnapshot(deps: ActivityDeps, md5: string): Promise<void> {
  if (!deps.snapshotStore) return;
  const { cached, evicted } = await pullSnapshot(deps.snapshotStore, deps.paths.snapshotsDir, md5, {
    ...(deps.snapshotCacheMaxBytes !== undefined ? { maxCacheBytes: deps.snapshotCacheMaxBytes } : {}),
  });
  if (!cached || evicted.length > 0) {
    deps.logger.info({ md5, downloaded: !cached, evicted }, 'snapshot cache updated');
  }
}

/** {@link ensureLocalSnapshot} for the training snapshot of production, when there is a production. */
export async function ensureProductionSnapshot(deps: ActivityDeps): Promise<void> {
  if (!deps.snapshotStore) return;
  const production = await deps.registry.productionVersion();
  if (production === undefined) return;
  const manifest = await deps.registry.readManifest(production);
  await ensureLocalSnapshot(deps, manifest.dataset.md5);
}
