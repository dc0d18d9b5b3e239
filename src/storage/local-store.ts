/**
 * The artifact store on a local (or network-mounted) folder: today's layout,
 * the default with no setup. An object is the file `<root>/<key>`, written by
 * temp file + fsync + rename; the store's own bookkeeping lives under
 * `<root>/.store/` so the data tree is exactly what it was before the store
 * existed (a DVC cache keeps its `files/md5/…` layout):
 * - `.store/checksums/<key>.sha256` — the sha256 of the object's bytes (one per
 *   line; while an object is replaced, the old and the new);
 * - `.store/locks/<key>.lock` — held during a write (local-key-lock.ts).
 * A file with no checksum record (written before the store, or by hand) is read
 * unverified unless the caller passes expected digests.
 */
import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import type { ArtifactStore, ExpectedDigests, PutResult, StoredObject } from './artifact-store';
import { md5ETag, sha256Hex } from './digests';
import { StoreError, StoreErrorCode } from './errors';
import { assertKey, assertPrefix } from './keys';
import { withKeyLock } from './local-key-lock';
import { verifyObject } from './verify';

const BOOKKEEPING = '.store';

function isErrno(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException).code === code;
}

async function readOrUndefined(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

/** An {@link ArtifactStore} on the folder `root`. */
export class LocalArtifactStore implements ArtifactStore {
  readonly location: string;

  constructor(readonly root: string) {
    this.location = path.resolve(root);
  }

  private file(key: string): string {
    assertKey(key);
    return path.join(this.location, ...key.split('/'));
  }

  private checksumFile(key: string): string {
    return path.join(this.location, BOOKKEEPING, 'checksums', ...`${key}.sha256`.split('/'));
  }

  private lockFile(key: string): string {
    return path.join(this.location, BOOKKEEPING, 'locks', ...`${key}.lock`.split('/'));
  }

  private async recorded(key: string): Promise<string[] | undefined> {
    const text = await readOrUndefined(this.checksumFile(key));
    return text?.toString('utf8').split('\n').filter(Boolean);
  }

  async getIfExists(key: string, expected?: ExpectedDigests): Promise<StoredObject | undefined> {
    const file = this.file(key);
    // A writer replaces the file and its checksum record in two renames (see
    // writeLocked); a read that falls between them sees a mismatch, so it reads
    // again before calling the object corrupted.
    for (let attempt = 0; ; attempt++) {
      const recorded = await this.recorded(key);
      const bytes = await readOrUndefined(file);
      if (bytes === undefined) return undefined;
      try {
        verifyObject(this.location, key, bytes, recorded, expected);
        return { bytes, etag: md5ETag(bytes) };
      } catch (error) {
        if (attempt >= 2) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }

  async get(key: string, expected?: ExpectedDigests): Promise<StoredObject> {
    const found = await this.getIfExists(key, expected);
    if (!found) {
      throw new StoreError(StoreErrorCode.NotFound, `no object "${key}" in ${this.location}`, key);
    }
    return found;
  }

  async head(key: string): Promise<{ etag: string; sizeBytes: number } | undefined> {
    const bytes = await readOrUndefined(this.file(key));
    return bytes && { etag: md5ETag(bytes), sizeBytes: bytes.length };
  }

  /**
   * Writes under the key's lock. The checksum record first lists the new digest
   * and the old one, then the file is renamed into place, then the record keeps
   * only the new digest: a crash at any instant leaves a file that verifies.
   */
  private async writeLocked(key: string, bytes: Uint8Array, old: Buffer | undefined): Promise<PutResult> {
    const digests = [sha256Hex(bytes), ...(old ? [sha256Hex(old)] : [])];
    await writeFileAtomic(this.checksumFile(key), `${digests.join('\n')}\n`);
    await writeFileAtomic(this.file(key), bytes);
    if (digests.length > 1) await writeFileAtomic(this.checksumFile(key), `${digests[0]}\n`);
    return { etag: md5ETag(bytes) };
  }

  async put(key: string, bytes: Uint8Array): Promise<PutResult> {
    const file = this.file(key);
    return withKeyLock(this.lockFile(key), async () =>
      this.writeLocked(key, bytes, await readOrUndefined(file)),
    );
  }

  async putIfAbsent(key: string, bytes: Uint8Array): Promise<PutResult | undefined> {
    const file = this.file(key);
    return withKeyLock(this.lockFile(key), async () =>
      (await readOrUndefined(file)) === undefined ? this.writeLocked(key, bytes, undefined) : undefined,
    );
  }

  async putIfMatch(key: string, bytes: Uint8Array, etag: string): Promise<PutResult | undefined> {
    const file = this.file(key);
    return withKeyLock(this.lockFile(key), async () => {
      const current = await readOrUndefined(file);
      if (current === undefined || md5ETag(current) !== etag) return undefined;
      return this.writeLocked(key, bytes, current);
    });
  }

  async list(prefix: string): Promise<string[]> {
    assertPrefix(prefix);
    // Walk only the folder the prefix names (all of it for a prefix ending in "/").
    const slash = prefix.lastIndexOf('/');
    const dirKey = slash < 0 ? '' : prefix.slice(0, slash);
    const start = dirKey === '' ? this.location : path.join(this.location, ...dirKey.split('/'));
    const keys: string[] = [];
    const walk = async (dir: string, keyPrefix: string): Promise<void> => {
      let entries: Dirent[];
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch (error) {
        if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return;
        throw error;
      }
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue; // bookkeeping, temporary files
        const key = `${keyPrefix}${entry.name}`;
        if (entry.isDirectory()) await walk(path.join(dir, entry.name), `${key}/`);
        else if (entry.isFile() && key.startsWith(prefix)) keys.push(key);
      }
    };
    await walk(start, dirKey === '' ? '' : `${dirKey}/`);
    return keys.sort();
  }

  async delete(key: string): Promise<void> {
    const file = this.file(key);
    await withKeyLock(this.lockFile(key), async () => {
      await fs.rm(file, { force: true });
      await fs.rm(this.checksumFile(key), { force: true });
    });
  }

  explainFailure(error: unknown): string | undefined {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      return `cannot write in ${this.location} (${code}): give this process write access, or set MLOPS_HOME to a writable folder`;
    }
    if (code === 'ENOSPC') return `no space left in ${this.location}`;
    return undefined;
  }
}
