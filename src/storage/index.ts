export type { ArtifactStore, ExpectedDigests, PutResult, StoredObject } from './artifact-store';
export { checkArtifactStore, checkConfiguredStore, PROBE_PREFIX } from './check-store';
export { md5ETag, md5Hex, sha256Hex } from './digests';
export { StoreError, StoreErrorCode } from './errors';
export { assertKey } from './keys';
export { LocalArtifactStore } from './local-store';
export {
  createS3Client,
  type S3ClientOptions,
  openAreaStore,
  openS3Store,
  openSharedStores,
  type SharedStores,
  STORE_AREAS,
  type StoreArea,
} from './open-store';
export { S3ArtifactStore } from './s3-store';
export { parseStoreConfig, type S3StoreConfig, type StoreConfig } from './store-config';
