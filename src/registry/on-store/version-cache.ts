/**
 * The local folder of versions as a bounded cache when the registry lives in a
 * store (`MLOPS_MODEL_CACHE_MAX_BYTES`): the least recently used versions are
 * removed once their files add up to more than the bound — never production or
 * previous, never a version the store does not hold (nothing is lost: a removed
 * version is downloaded again, verified, when next needed), and never one a
 * process on this machine is reading right now.
 *
 * "Reading right now" is a lease: a file `.version-cache/in-use/<version>~<pid>~<token>`
 * beside `versions/`, created before a version's folder is checked, downloaded
 * or read, removed after. Taking a lease and an eviction pass both hold one
 * short lock file (`.version-cache/lock`), so an evictor either sees the lease or has finished before
 * the reader looks for the folder, which it then downloads again. A lease left
 * by a process that died (its pid is gone on this host) does not count. The
 * eviction renames a folder away before deleting it, so a reader never sees a
 * half-deleted version.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ArtifactStore } from '../../storage';
import { withKeyLock } from '../../storage/local-key-lock';
import { isVersionName, VERSION_RECORD_FILES } from '../layout';
import { versionKey } from './versions';

/** The cache's own files live beside `versions/`, which keeps only version folders. */
const stateDir = (versionsDir: string) => path.join(path.dirname(versionsDir), '.version-cache');
const leasesDir = (versionsDir: string) => path.join(stateDir(versionsDir), 'in-use');
const lockFile = (versionsDir: string) => path.join(stateDir(versionsDir), 'lock');

/** A held lease; release it when done reading the version's files. */
export interface VersionLease {
  release(): Promise<void>;
}

/**
 * Marks `version` in use by this process until the lease is released, so no
 * eviction on this machine removes its folder meanwhile.
 */
export async function leaseVersion(versionsDir: string, version: string): Promise<VersionLease> {
  const dir = leasesDir(versionsDir);
  const file = path.join(dir, `${version}~${process.pid}~${randomBytes(6).toString('hex')}`);
  await fs.mkdir(dir, { recursive: true });
  await withKeyLock(lockFile(versionsDir), () => fs.writeFile(file, os.hostname()));
  return { release: () => fs.rm(file, { force: true }) };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, owned by another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Versions with a live lease; leases of dead processes on this host are removed on the way. */
async function leasedVersions(versionsDir: string): Promise<Set<string>> {
  const dir = leasesDir(versionsDir);
  const leased = new Set<string>();
  for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
    const [version, pid] = name.split('~');
    if (!version || !pid) continue;
    const host = await fs.readFile(path.join(dir, name), 'utf8').catch(() => undefined);
    if (host === undefined) continue; // released just now
    if (host === os.hostname() && !processAlive(Number(pid))) {
      await fs.rm(path.join(dir, name), { force: true });
      continue;
    }
    leased.add(version);
  }
  return leased;
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (entry.isFile())
      total += (await fs.stat(path.join(dir, entry.name)).catch(() => undefined))?.size ?? 0;
  }
  return total;
}

/** Records a use of a cached version (its manifest's mtime orders the eviction). */
export async function touchVersion(versionsDir: string, version: string): Promise<void> {
  const now = new Date();
  await fs.utimes(path.join(versionsDir, version, VERSION_RECORD_FILES.manifest), now, now).catch(() => {});
}

/** What {@link evictVersions} is told. */
export interface EvictVersionsInput {
  readonly store: ArtifactStore;
  readonly versionsDir: string;
  readonly maxBytes: number;
  /** Versions never evicted: production, previous, the one just used. */
  readonly keep: ReadonlySet<string>;
}

/**
 * Removes the least recently used complete versions from `versionsDir` until
 * the versions' files add up to at most `maxBytes`, skipping `keep`, leased
 * versions and versions the store does not hold.
 *
 * @returns the versions removed, oldest use first
 */
export async function evictVersions(input: EvictVersionsInput): Promise<string[]> {
  const { store, versionsDir, maxBytes, keep } = input;
  return withKeyLock(lockFile(versionsDir), async () => {
    const entries: Array<{ version: string; size: number; usedAt: number }> = [];
    for (const name of await fs.readdir(versionsDir).catch(() => [] as string[])) {
      if (!isVersionName(name)) continue;
      const manifest = await fs
        .stat(path.join(versionsDir, name, VERSION_RECORD_FILES.manifest))
        .catch(() => undefined);
      if (!manifest) continue; // not a complete version
      entries.push({
        version: name,
        size: await folderBytes(path.join(versionsDir, name)),
        usedAt: manifest.mtimeMs,
      });
    }
    let total = entries.reduce((sum, entry) => sum + entry.size, 0);
    if (total <= maxBytes) return [];
    const leased = await leasedVersions(versionsDir);
    const evicted: string[] = [];
    for (const entry of entries.sort((a, b) => a.usedAt - b.usedAt)) {
      if (total <= maxBytes) break;
      if (keep.has(entry.version) || leased.has(entry.version)) continue;
      if (!(await store.head(versionKey(entry.version, VERSION_RECORD_FILES.manifest)))) continue;
      const trash = path.join(versionsDir, `.evicted-${randomBytes(6).toString('hex')}`);
      await fs.rename(path.join(versionsDir, entry.version), trash);
      await fs.rm(trash, { recursive: true, force: true });
      total -= entry.size;
      evicted.push(entry.version);
    }
    return evicted;
  });
}
