import { S3Client } from '@aws-sdk/client-s3';
import type { ArtifactStore } from './artifact-store';
import { LocalArtifactStore } from './local-store';
import { S3ArtifactStore } from './s3-store';
import type { S3StoreConfig, StoreConfig } from './store-config';

/** The areas of a project's artifacts; on S3 each is `<prefix><area>/` in the bucket. */
export const STORE_AREAS = {
  /** Dataset snapshots in DVC 3's cache layout: `s3://bucket/prefix/snapshots` is a DVC remote. */
  snapshots: 'snapshots',
  models: 'models',
  work: 'work',
  reports: 'reports',
  tracking: 'tracking',
  predictions: 'predictions',
  /** Match outcomes (`POST /v1/outcomes`, `outcomes import`), one object per stored batch. */
  outcomes: 'outcomes',
} as const;
export type StoreArea = keyof typeof STORE_AREAS;

/** Options of {@link createS3Client}. */
export interface S3ClientOptions {
  /** @default 3, the SDK's standard */
  readonly maxAttempts?: number;
  /** @default the SDK's chain: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, instance roles… */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/**
 * The SDK client for an S3 store. Checksums: the SDK's default CRC32 trailers
 * are sent only where S3 requires them (`WHEN_REQUIRED`), since several
 * S3-compatible servers reject or ignore them; integrity is this store's own
 * sha256 (verify.ts). Retries are the SDK's standard three attempts.
 */
export function createS3Client(config: S3StoreConfig, options: S3ClientOptions = {}): S3Client {
  return new S3Client({
    ...(options.credentials ? { credentials: options.credentials } : {}),
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: options.maxAttempts ?? 3,
  });
}

/**
 * Opens the store for one area of the project: locally the area's folder (as
 * ProjectPaths names it), on S3 `<prefix><area>/` in the bucket.
 *
 * @param localDir - the area's local folder, used when the store is local
 */
export function openAreaStore(config: StoreConfig, area: StoreArea, localDir: string): ArtifactStore {
  if (config.kind === 'local') return new LocalArtifactStore(localDir);
  return openS3Store(config).scoped(STORE_AREAS[area]);
}

/** The shared stores of a project, or none when the store is the local folders (today's layout, unchanged). */
export interface SharedStores {
  /** `<prefix>models/`: the model registry. */
  readonly models: ArtifactStore;
  /** `<prefix>snapshots/`: dataset snapshots, a DVC 3 remote. */
  readonly snapshots: ArtifactStore;
  /** `<prefix>work/`: training checkpoints, so a retry on another machine resumes. */
  readonly work: ArtifactStore;
  /** `<prefix>predictions/`: the prediction log, one object per flushed batch. */
  readonly predictions: ArtifactStore;
  /** `<prefix>outcomes/`: match outcomes, one object per stored batch. */
  readonly outcomes: ArtifactStore;
  /** `<prefix>tracking/`: run records (`runs/<id>.json`), so any machine can start, update and read them. */
  readonly tracking: ArtifactStore;
  /** `<prefix>reports/`: copies of the HTML/JSON reports, at the same relative paths as under `reports/`. */
  readonly reports: ArtifactStore;
  /** Bound of the local snapshot cache, bytes. */
  readonly cacheMaxBytes?: number;
  /** Bound of the local cache of model versions, bytes. */
  readonly modelCacheMaxBytes?: number;
}

/** Opens the shared stores for `config`, or undefined for the local default. */
export function openSharedStores(config: StoreConfig): SharedStores | undefined {
  if (config.kind === 'local') return undefined;
  const root = openS3Store(config);
  return {
    models: root.scoped(STORE_AREAS.models),
    snapshots: root.scoped(STORE_AREAS.snapshots),
    work: root.scoped(STORE_AREAS.work),
    predictions: root.scoped(STORE_AREAS.predictions),
    outcomes: root.scoped(STORE_AREAS.outcomes),
    tracking: root.scoped(STORE_AREAS.tracking),
    reports: root.scoped(STORE_AREAS.reports),
    ...(config.cacheMaxBytes !== undefined ? { cacheMaxBytes: config.cacheMaxBytes } : {}),
    ...(config.modelCacheMaxBytes !== undefined ? { modelCacheMaxBytes: config.modelCacheMaxBytes } : {}),
  };
}

/** The whole bucket prefix as one store (the configuration check writes its scratch key here). */
export function openS3Store(config: S3StoreConfig, options: S3ClientOptions = {}): S3ArtifactStore {
  return new S3ArtifactStore(createS3Client(config, options), {
    bucket: config.bucket,
    prefix: config.prefix,
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
  });
}
