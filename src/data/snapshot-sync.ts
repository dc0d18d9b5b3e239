/**
 * Snapshots in a shared artifact store (an S3 bucket), for workers that share
 * no folder. The store holds them in the very layout of the local snapshot
 * folder — `files/md5/<2 hex>/<30 hex>` (DVC 3's cache and remote layout, so a
 * stock `dvc` with `dvc-s3` can use `s3://bucket/prefix/snapshots` as its
 * remote) and `manifests/<md5>.json` — and the local snapshot folder becomes
 * each machine's cache, keyed by content hash: a snapshot is downloaded once
 * per machine, verified against its md5 and manifest, and the least recently
 * used ones are dropped when the cache grows past its bound.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ArtifactStore } from '../storage';
import { writeFileAtomic } from '../fs/atomic-write';
import { SnapshotError, SnapshotErrorCode } from './errors';
import { hashBytes } from './hash-file';
import { assertMd5, snapshotDataPath, snapshotManifestPath } from './snapshot-layout';
import { readSnapshotManifest } from './snapshot-store';

/** Snapshot files are read-only, as createSnapshot leaves them. */
const READ_ONLY = 0o444;

/** The store keys of a snapshot: its data (DVC layout) and its manifest. */
export function snapshotKeys(md5: string): { readonly data: string; readonly manifest: string } {
  assertMd5(md5);
  return { data: `files/md5/${md5.slice(0, 2)}/${md5.slice(2)}`, manifest: `manifests/${md5}.json` };
}

/**
 * Uploads a local snapshot (data first, manifest last, both put-if-absent:
 * content-addressed objects never change, so an existing one is kept).
 */
export async function pushSnapshot(store: ArtifactStore, root: string, md5: string): Promise<void> {
  const manifest = await readSnapshotManifest(root, md5); // refuses a damaged manifest before it is shared
  const keys = snapshotKeys(md5);
  if (!(await store.head(keys.data))) {
    const bytes = await fs.readFile(snapshotDataPath(root, md5));
    const digest = hashBytes(bytes);
    if (digest.md5 !== md5 || digest.sha256 !== manifest.sha256) {
      throw new SnapshotError(
        SnapshotErrorCode.Corrupted,
        `snapshot ${md5} is corrupted: ${snapshotDataPath(root, md5)} has md5 ${digest.md5}; not uploaded`,
        md5,
        snapshotDataPath(root, md5),
      );
    }
    await store.putIfAbsent(keys.data, bytes);
  }
  if (!(await store.head(keys.manifest))) {
    await store.putIfAbsent(keys.manifest, await fs.readFile(snapshotManifestPath(root, md5)));
  }
}

/** What {@link pullSnapshot} did. */
export interface PullSnapshotResult {
  /** True when the snapshot was in the local cache already (nothing downloaded). */
  readonly cached: boolean;
  /** Snapshots removed from the local cache to keep it within its bound. */
  readonly evicted: readonly string[];
}

/**
 * Makes a snapshot present in the local folder `root`, downloading it from the
 * store when it is not (verified: the data against its md5 and the manifest's
 * sha256 and size). Marks it used, then evicts the least recently used other
 * snapshots while the folder's snapshot data exceeds `maxCacheBytes`; only
 * snapshots the store holds are evicted, so nothing is lost.
 *
 * @throws StoreError NOT_FOUND when the store has no such snapshot, CORRUPTED
 *   naming the object whose bytes do not match
 */
export async function pullSnapshot(
  store: ArtifactStore,
  root: string,
  md5: string,
  options: { readonly maxCacheBytes?: number } = {},
): Promise<PullSnapshotResult> {
  const keys = snapshotKeys(md5);
  const dataPath = snapshotDataPath(root, md5);
  const manifestPath = snapshotManifestPath(root, md5);
  const cached = (await exists(dataPath)) && (await exists(manifestPath));
  if (!cached) {
    const manifestObject = await store.get(keys.manifest);
    const manifest = JSON.parse(manifestObject.bytes.toString('utf8')) as { sha256?: string };
    const data = await store.get(keys.data, { md5, ...(manifest.sha256 ? { sha256: manifest.sha256 } : {}) });
    if (!(await exists(dataPath))) await writeFileAtomic(dataPath, data.bytes, { mode: READ_ONLY });
    if (!(await exists(manifestPath)))
      await writeFileAtomic(manifestPath, manifestObject.bytes, { mode: READ_ONLY });
  }
  const now = new Date();
  await fs.utimes(dataPath, now, now); // last use, for the eviction order
  const evicted =
    options.maxCacheBytes === undefined ? [] : await evictSnapshots(store, root, options.maxCacheBytes, md5);
  return { cached, evicted };
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Removes the least recently used snapshots (data and manifest) from `root`
 * until their data adds up to at most `maxBytes`, never `keep` and never one
 * the store does not hold.
 */
export async function evictSnapshots(
  store: ArtifactStore,
  root: string,
  maxBytes: number,
  keep: string,
): Promise<string[]> {
  const entries: Array<{ md5: string; size: number; usedAt: number }> = [];
  const base = path.join(root, 'files', 'md5');
  for (const prefix of await fs.readdir(base).catch(() => [] as string[])) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    for (const rest of await fs.readdir(path.join(base, prefix)).catch(() => [] as string[])) {
      if (!/^[0-9a-f]{30}$/.test(rest)) continue;
      const stat = await fs.stat(path.join(base, prefix, rest)).catch(() => undefined);
      if (stat) entries.push({ md5: `${prefix}${rest}`, size: stat.size, usedAt: stat.mtimeMs });
    }
  }
  let total = entries.reduce((sum, entry) => sum + entry.size, 0);
  const evicted: string[] = [];
  for (const entry of entries.sort((a, b) => a.usedAt - b.usedAt)) {
    if (total <= maxBytes) break;
    if (entry.md5 === keep || !(await store.head(snapshotKeys(entry.md5).data))) continue;
    await fs.rm(snapshotManifestPath(root, entry.md5), { force: true });
    await fs.rm(snapshotDataPath(root, entry.md5), { force: true });
    total -= entry.size;
    evicted.push(entry.md5);
  }
  return evicted;
}
