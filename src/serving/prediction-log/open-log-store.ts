import { openSharedStores, parseStoreConfig, type SharedStores } from '../../storage';
import { ObjectPredictionLogStore } from './object-store';
import { FilePredictionLogStore, type PredictionLogStore } from './store';

/**
 * The prediction log as configured: the files in `dir` (the default), or,
 * with `MLOPS_STORE=s3://…`, the bucket's `predictions/` area, so every
 * machine reads and writes the same log (`dir` is then unused).
 *
 * @param dir - the local log folder (SERVING_LOG_DIR)
 * @param instance - this process's name in file names or keys (writers only)
 * @param shared - the shared stores, when the caller has opened them already
 * @throws StoreError MISCONFIGURED for a malformed MLOPS_STORE or AWS variable
 */
export function openPredictionLogStore(
  dir: string,
  instance?: string,
  shared: SharedStores | undefined = openSharedStores(parseStoreConfig()),
): PredictionLogStore {
  if (!shared) return new FilePredictionLogStore(dir, instance);
  return new ObjectPredictionLogStore(shared.predictions, instance === undefined ? {} : { instance });
}
