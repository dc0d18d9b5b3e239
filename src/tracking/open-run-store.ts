import path from 'node:path';
import type { ArtifactStore } from '../storage/artifact-store';
import { openSharedStores } from '../storage/open-store';
import { parseStoreConfig } from '../storage/store-config';
import { RunStore } from './run-store';

/**
 * The project's run records: `<trackingDir>/runs/` locally (the default), or
 * `runs/` in the shared store's tracking area when workers share a bucket
 * (MLOPS_STORE=s3://…), so every machine and the CLI see the same records.
 *
 * @param trackingStore - the tracking area of the shared store (`SharedStores.tracking`); unset: local files
 */
export function openRunStore(trackingDir: string, trackingStore?: ArtifactStore): RunStore {
  return trackingStore ? RunStore.onStore(trackingStore) : new RunStore(path.join(trackingDir, 'runs'));
}

/**
 * The project's run records as configured by the environment: the shared
 * store's tracking area with `MLOPS_STORE=s3://…`, else `<trackingDir>/runs/`.
 *
 * @throws StoreError MISCONFIGURED for a malformed MLOPS_STORE or AWS variable
 */
export function openProjectRunStore(trackingDir: string, env: NodeJS.ProcessEnv = process.env): RunStore {
  return openRunStore(trackingDir, openSharedStores(parseStoreConfig(env))?.tracking);
}
