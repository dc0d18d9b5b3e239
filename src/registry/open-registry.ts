import { openSharedStores, parseStoreConfig } from '../storage';
import { ModelRegistry } from './model-registry';

/**
 * The project's registry as configured: the folder `modelsDir` alone, or, with
 * `MLOPS_STORE=s3://…`, the bucket's `models/` with `modelsDir` as this
 * machine's cache.
 *
 * @throws StoreError MISCONFIGURED for a malformed MLOPS_STORE or AWS variable
 */
export function openProjectRegistry(modelsDir: string, env: NodeJS.ProcessEnv = process.env): ModelRegistry {
  const shared = openSharedStores(parseStoreConfig(env));
  return new ModelRegistry(modelsDir, shared ? { store: shared.models } : {});
}
