import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fsyncDirectory, writeJsonAtomic } from '../fs/atomic-write';
import type { ArtifactStore } from '../storage';
import { readSymlinkOrUndefined } from './atomic-fs';
import { checksumFiles, verifyChecksums } from './checksums';
import { RegistryError, RegistryErrorCode } from './errors';
import {
  ARTIFACT_FILES,
  isVersionName,
  registryLayout,
  VERSION_RECORD_FILES,
  type RegistryLayout,
} from './layout';
import {
  ModelStage,
  RetrainOutcome,
  type OutcomeRecord,
  type EvaluationRecord,
  type ModelManifest,
} from './records';
import { assertOutcomeChange, writeOutcomeOnStore } from './on-store/outcomes';
import { readPointers } from './on-store/pointers';
import {
  downloadVersion,
  readStoredRecord,
  recordBytes,
  storedVersionNames,
  uploadVersion,
  versionKey,
} from './on-store/versions';
import { evictVersions, leaseVersion, touchVersion } from './on-store/version-cache';

/** A version as `models list` shows it. */
export interface ModelVersionSummary {
  readonly version: string;
  readonly stage: ModelStage;
  readonly manifest: ModelManifest;
  readonly evaluation?: EvaluationRecord;
  readonly decision?: OutcomeRecord;
}

async function readJsonOrUndefined<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new RegistryError(RegistryErrorCode.InvalidRecord, `${file}: ${(error as Error).message}`, file);
  }
}

/** Options of {@link ModelRegistry}. */
export interface ModelRegistryOptions {
  /**
   * The shared artifact store (an S3 bucket) that holds the registry when
   * machines share no folder: versions, records, the pointers (switched with
   * conditional writes, on-store/pointers.ts), the history and the locks. The
   * local folder then only caches versions this machine trained or loaded.
   * @default none: the folder is the registry, as it always was
   */
  readonly store?: ArtifactStore;
  /**
   * With a store: bound in bytes of this machine's cache of versions (the
   * local `versions/` folder), env `MLOPS_MODEL_CACHE_MAX_BYTES`. Past it the
   * least recently used versions are removed, never production, previous or a
   * version being read (on-store/version-cache.ts).
   * @default unbounded
   */
  readonly cacheMaxBytes?: number;
}

/**
 * The model registry: immutable version folders, plus `production` and
 * `previous` pointers that are switched atomically — symlinks in the registry
 * folder, or one conditionally written object when the registry lives in an
 * artifact store. Knows nothing of Temporal; the activities are thin adapters
 * over it.
 */
export class ModelRegistry {
  readonly layout: RegistryLayout;
  /** The shared store holding the registry, or undefined when the folder is the registry. */
  readonly store: ArtifactStore | undefined;
  /** Bound of the local cache of versions when there is a store; undefined: unbounded. */
  readonly cacheMaxBytes: number | undefined;

  constructor(modelsDir: string, options: ModelRegistryOptions = {}) {
    this.layout = registryLayout(modelsDir);
    this.store = options.store;
    this.cacheMaxBytes = options.cacheMaxBytes;
  }

  /** Creates an empty staging folder inside the registry (same file system, so publishing is a rename). */
  async createStagingDir(): Promise<string> {
    await fs.mkdir(this.layout.versionsDir, { recursive: true });
    const dir = path.join(this.layout.versionsDir, `.staging-${randomBytes(6).toString('hex')}`);
    await fs.mkdir(dir);
    return dir;
  }

  /**
   * Publishes the artifacts in `stagingDir` as `version`: checksums every
   * artifact into the manifest, then renames the folder into place, so a version
   * folder is either absent or complete. Publishing the same version again from
   * the same run (an activity retry after a crash) returns the existing manifest.
   */
  async publishVersion(stagingDir: string, manifest: Omit<ModelManifest, 'files'>): Promise<ModelManifest> {
    this.assertVersionName(manifest.version);
    const target = this.layout.versionDir(manifest.version);
    const existing = await readJsonOrUndefined<ModelManifest>(
      path.join(target, VERSION_RECORD_FILES.manifest),
    );
    if (existing) {
      await fs.rm(stagingDir, { recursive: true, force: true });
      if (existing.run.workflowId !== manifest.run.workflowId) {
        throw new RegistryError(
          RegistryErrorCode.InvalidRecord,
          `version ${manifest.version} already exists from workflow ${existing.run.workflowId}`,
          manifest.version,
        );
      }
      // A retry after a crash between the local publish and the upload finishes the upload.
      if (this.store) await uploadVersion(this.store, target, existing);
      return existing;
    }
    const files = await checksumFiles(stagingDir, ARTIFACT_FILES);
    const complete: ModelManifest = { ...manifest, files };
    await writeJsonAtomic(path.join(stagingDir, VERSION_RECORD_FILES.manifest), complete);
    await fs.rename(stagingDir, target);
    await fsyncDirectory(this.layout.versionsDir);
    if (this.store) {
      await uploadVersion(this.store, target, complete);
      await this.evictCachedVersions(manifest.version);
    }
    return complete;
  }

  /** @throws RegistryError VERSION_NOT_FOUND */
  async readManifest(version: string): Promise<ModelManifest> {
    this.assertVersionName(version);
    const manifest =
      (await readJsonOrUndefined<ModelManifest>(this.layout.versionFile(version, 'manifest'))) ??
      (this.store && (await readStoredRecord<ModelManifest>(this.store, version, 'manifest'))?.value);
    if (!manifest) {
      throw new RegistryError(
        RegistryErrorCode.VersionNotFound,
        `model version ${version} does not exist`,
        version,
      );
    }
    return manifest;
  }

  /**
   * Verifies a version's artifacts against its manifest and returns its folder
   * (downloaded first when the registry is in a store and this machine has no
   * copy). With a bounded cache, read the files through {@link withVersionDir}
   * instead: it keeps the folder from eviction while they are read.
   */
  async verifiedVersionDir(version: string): Promise<string> {
    return this.withVersionDir(version, (dir) => Promise.resolve(dir));
  }

  /**
   * Runs `read` on a version's verified folder. With a store, the version is
   * leased for the duration (no eviction on this machine removes it), marked
   * used, downloaded and verified when absent; after a download, the cache is
   * brought back within its bound.
   */
  async withVersionDir<T>(version: string, read: (dir: string) => Promise<T>): Promise<T> {
    this.assertVersionName(version);
    const dir = this.layout.versionDir(version);
    if (!this.store) {
      await verifyChecksums(dir, (await this.readManifest(version)).files ?? {}, ARTIFACT_FILES);
      return read(dir);
    }
    const lease = await leaseVersion(this.layout.versionsDir, version);
    let downloaded = false;
    let result: T;
    try {
      if ((await readJsonOrUndefined(this.layout.versionFile(version, 'manifest'))) === undefined) {
        await downloadVersion(this.store, this.layout.versionsDir, version);
        downloaded = true;
      }
      await touchVersion(this.layout.versionsDir, version);
      const manifest = await this.readManifest(version);
      await verifyChecksums(dir, manifest.files ?? {}, ARTIFACT_FILES);
      result = await read(dir);
    } finally {
      await lease.release();
    }
    if (downloaded) await this.evictCachedVersions(version);
    return result;
  }

  /**
   * Removes least recently used versions from this machine's cache past its
   * bound, keeping production, previous and `justUsed`. No-op without a store
   * or a bound.
   *
   * @returns the versions removed
   */
  async evictCachedVersions(justUsed?: string): Promise<string[]> {
    if (!this.store || this.cacheMaxBytes === undefined) return [];
    const { pointers } = await readPointers(this.store);
    const keep = new Set(
      [pointers.production, pointers.previous, justUsed].filter((v): v is string => typeof v === 'string'),
    );
    return evictVersions({
      store: this.store,
      versionsDir: this.layout.versionsDir,
      maxBytes: this.cacheMaxBytes,
      keep,
    });
  }

  async writeEvaluation(version: string, record: EvaluationRecord): Promise<void> {
    await this.readManifest(version);
    if (this.store)
      await this.store.put(versionKey(version, VERSION_RECORD_FILES.evaluation), recordBytes(record));
    else await writeJsonAtomic(this.layout.versionFile(version, 'evaluation'), record);
  }

  async readEvaluation(version: string): Promise<EvaluationRecord | undefined> {
    if (this.store)
      return (await readStoredRecord<EvaluationRecord>(this.store, version, 'evaluation'))?.value;
    return readJsonOrUndefined(this.layout.versionFile(version, 'evaluation'));
  }

  /**
   * Stores how the candidate's story ended. The first record wins: writing the
   * same outcome again (a retried activity) is a no-op, a different one is
   * refused — except `promoted` over `approved`, the approval the retrain
   * records before it switches production.
   */
  async writeOutcome(version: string, record: OutcomeRecord): Promise<OutcomeRecord> {
    await this.readManifest(version);
    if (this.store) return writeOutcomeOnStore(this.store, version, record);
    const file = this.layout.versionFile(version, 'outcome');
    const existing = await readJsonOrUndefined<OutcomeRecord>(file);
    if (existing) {
      if (existing.outcome === record.outcome) return existing;
      // The one allowed change: an approval recorded before the switch becomes the promotion.
      assertOutcomeChange(version, existing, record);
    }
    await writeJsonAtomic(file, record);
    return record;
  }

  async readOutcome(version: string): Promise<OutcomeRecord | undefined> {
    if (this.store) return (await readStoredRecord<OutcomeRecord>(this.store, version, 'outcome'))?.value;
    return readJsonOrUndefined(this.layout.versionFile(version, 'outcome'));
  }

  /** The version production serving reads now, or undefined before the first promotion. */
  async productionVersion(): Promise<string | undefined> {
    if (this.store) return (await readPointers(this.store)).pointers.production ?? undefined;
    const target = await readSymlinkOrUndefined(this.layout.productionLink);
    return target === undefined ? undefined : path.basename(target);
  }

  /** The rollback target, or undefined. */
  async previousVersion(): Promise<string | undefined> {
    if (this.store) return (await readPointers(this.store)).pointers.previous ?? undefined;
    const target = await readSymlinkOrUndefined(this.layout.previousLink);
    return target === undefined ? undefined : path.basename(target);
  }

  /** Every published version, newest first, with its stage. */
  async listVersions(): Promise<ModelVersionSummary[]> {
    let names: string[];
    try {
      names = this.store ? await storedVersionNames(this.store) : await fs.readdir(this.layout.versionsDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const production = await this.productionVersion();
    const summaries: ModelVersionSummary[] = [];
    for (const version of names.filter(isVersionName).sort().reverse()) {
      const manifest = this.store
        ? (await readStoredRecord<ModelManifest>(this.store, version, 'manifest'))?.value
        : await readJsonOrUndefined<ModelManifest>(this.layout.versionFile(version, 'manifest'));
      if (!manifest) continue;
      const evaluation = await this.readEvaluation(version);
      const decision = await this.readOutcome(version);
      summaries.push({
        version,
        stage: stageOf(version, production, decision),
        manifest,
        ...(evaluation ? { evaluation } : {}),
        ...(decision ? { decision } : {}),
      });
    }
    return summaries;
  }

  /** Throws unless `version` is a well-formed version name (it becomes part of a path). */
  assertVersionName(version: string): void {
    if (!isVersionName(version)) {
      throw new RegistryError(
        RegistryErrorCode.VersionNotFound,
        `"${version}" is not a model version name (expected e.g. v20261128-133600-3f2a9c1d)`,
        version,
      );
    }
  }
}

function stageOf(version: string, production: string | undefined, decision?: OutcomeRecord): ModelStage {
  if (version === production) return ModelStage.Production;
  if (!decision) return ModelStage.Candidate;
  if (decision.outcome === RetrainOutcome.Approved) return ModelStage.Approved;
  return decision.outcome === RetrainOutcome.Promoted ? ModelStage.Archived : ModelStage.Rejected;
}
