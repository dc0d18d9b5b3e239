/**
 * Model versions in the registry's artifact store: `versions/<version>/` holds
 * the artifact files, `manifest.json` (written last, so its presence means the
 * version is complete) and the records (`evaluation.json`, `decision.json`),
 * the same names as a version folder on disk. A machine that needs a version's
 * files downloads them once into its local registry folder, which serves as its
 * cache; every file is checked against the manifest's sha256 on the way.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ArtifactStore, StoredObject } from '../../storage';
import { writeFileAtomic } from '../../fs/atomic-write';
import { RegistryError, RegistryErrorCode } from '../errors';
import { ARTIFACT_FILES, VERSION_RECORD_FILES, type VersionRecord } from '../layout';
import type { ModelManifest } from '../records';

/** The key of a file of a version. */
export function versionKey(version: string, file: string): string {
  return `versions/${version}/${file}`;
}

function parseJson<T>(found: StoredObject, key: string): T {
  try {
    return JSON.parse(found.bytes.toString('utf8')) as T;
  } catch (error) {
    throw new RegistryError(RegistryErrorCode.InvalidRecord, `${key}: ${(error as Error).message}`, key);
  }
}

/** A record of a version as stored, with the ETag to replace it conditionally; undefined when absent. */
export async function readStoredRecord<T>(
  store: ArtifactStore,
  version: string,
  record: VersionRecord,
): Promise<{ value: T; etag: string } | undefined> {
  const key = versionKey(version, VERSION_RECORD_FILES[record]);
  const found = await store.getIfExists(key);
  return found && { value: parseJson<T>(found, key), etag: found.etag };
}

/** Serialises a record as the folder registry does (two-space JSON, trailing newline). */
export function recordBytes(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Uploads a version published in the local folder `dir`: the artifacts, then
 * the manifest with put-if-absent. A retry (after a crash between the two)
 * uploads again; a manifest already there from another workflow is refused.
 *
 * @throws RegistryError INVALID_RECORD when the version exists from another workflow
 */
export async function uploadVersion(
  store: ArtifactStore,
  dir: string,
  manifest: ModelManifest,
): Promise<void> {
  const existing = await readStoredRecord<ModelManifest>(store, manifest.version, 'manifest');
  if (!existing) {
    for (const file of ARTIFACT_FILES) {
      await store.put(versionKey(manifest.version, file), await fs.readFile(path.join(dir, file)));
    }
    if (
      await store.putIfAbsent(
        versionKey(manifest.version, VERSION_RECORD_FILES.manifest),
        recordBytes(manifest),
      )
    ) {
      return;
    }
  }
  const stored = existing ?? (await readStoredRecord<ModelManifest>(store, manifest.version, 'manifest'));
  if (stored && stored.value.run.workflowId !== manifest.run.workflowId) {
    throw new RegistryError(
      RegistryErrorCode.InvalidRecord,
      `version ${manifest.version} already exists in ${store.location} from workflow ${stored.value.run.workflowId}`,
      manifest.version,
    );
  }
}

/**
 * Downloads a version's artifacts and manifest into `<versionsDir>/<version>`
 * (staged beside it and renamed into place, so the folder is absent or
 * complete), checking each file against the manifest's sha256.
 *
 * @throws RegistryError VERSION_NOT_FOUND when the store has no such version
 * @throws StoreError CORRUPTED naming the object whose bytes do not match
 */
export async function downloadVersion(
  store: ArtifactStore,
  versionsDir: string,
  version: string,
): Promise<void> {
  const manifest = await readStoredRecord<ModelManifest>(store, version, 'manifest');
  if (!manifest) {
    throw new RegistryError(
      RegistryErrorCode.VersionNotFound,
      `model version ${version} does not exist in ${store.location}`,
      version,
    );
  }
  await fs.mkdir(versionsDir, { recursive: true });
  const staging = path.join(versionsDir, `.download-${randomBytes(6).toString('hex')}`);
  try {
    for (const [file, sha256] of Object.entries(manifest.value.files ?? {})) {
      const object = await store.get(versionKey(version, file), { sha256 });
      await writeFileAtomic(path.join(staging, file), object.bytes);
    }
    await writeFileAtomic(path.join(staging, VERSION_RECORD_FILES.manifest), recordBytes(manifest.value));
    try {
      await fs.rename(staging, path.join(versionsDir, version));
    } catch (error) {
      // Another download on this machine finished first: its folder is as good as ours.
      const { code } = error as NodeJS.ErrnoException;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/** Versions whose manifest is in the store, sorted. */
export async function storedVersionNames(store: ArtifactStore): Promise<string[]> {
  const suffix = `/${VERSION_RECORD_FILES.manifest}`;
  return (await store.list('versions/'))
    .filter((key) => key.endsWith(suffix) && key.split('/').length === 3)
    .map((key) => key.split('/')[1]!)
    .sort();
}
