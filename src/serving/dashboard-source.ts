/**
 * Where `GET /dashboard` reads the monitoring dashboard from: the bucket's copy
 * when there is a shared reports store (the monitoring workflow may run on any
 * machine), else the local file the workflow writes.
 */
import { promises as fs } from 'node:fs';
import { MONITORING_STORE_KEYS } from '../monitoring/locations';
import type { ArtifactStore } from '../storage';

/**
 * A reader of the dashboard's bytes, undefined while none has been written.
 *
 * @param file - the local dashboard file (used when `store` is undefined)
 * @param store - the shared `reports/` area, when MLOPS_STORE is a bucket
 */
export function dashboardReader(
  file: string,
  store: ArtifactStore | undefined,
): () => Promise<Uint8Array | undefined> {
  if (store) return async () => (await store.getIfExists(MONITORING_STORE_KEYS.dashboard))?.bytes;
  return () => fs.readFile(file).catch(() => undefined);
}
