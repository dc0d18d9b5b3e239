import { openSharedStores, parseStoreConfig, type SharedStores } from '../storage';
import { ModelRegistry, type ModelRegistryOptions } from './model-registry';

/** The registry's options for the shared stores: the bucket's `models/` and the bound of the local cache. */
export function registryStoreOptions(shared: SharedStores): ModelRegistryOptions {
  return {
    store: shared.models,
    ...(shared.modelCacheMaxBytes !== undefined ? { cacheMaxBytes: shared.modelCacheMaxBytes } : {}),
  };
}

/**
 * The project's registry as configured: the folder `modelsDir` alone, or, with
 * `MLOPS_STORE=s3://…`, the bucket's `models/` with `modelsDir` as this
 * machine's cache.
 *
 * @throws StoreError MISCONFIGURED for a malformed MLOPS_STORE or AWS variable
 */
export function openProjectRegistry(modelsDir: string, env: NodeJS.ProcessEnv = process.env): ModelRegistry {
  const shared = openSharedStores(parseStoreConfig(env));
  return new ModelRegistry(modelsDir, shared ? registryStoreOptions(shared) : {});
}
