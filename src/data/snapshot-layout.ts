/**
 * Where snapshots live under a snapshot root. The data files follow DVC 3's
 * cache layout (`files/md5/<first 2 hex>/<remaining 30 hex>`, md5 of the raw
 * bytes), so the folder can later serve as, or be pushed into, a DVC cache.
 */
import path from 'node:path';
import { SnapshotError, SnapshotErrorCode } from './errors';

const MD5_PATTERN = /^[0-9a-f]{32}$/;

/**
 * Checks that `md5` is 32 lowercase hex digits. Besides catching typos, this keeps
 * a caller-supplied id from becoming a path like `../../etc`.
 *
 * @throws SnapshotError INVALID_MD5
 */
export function assertMd5(md5: string): void {
  if (!MD5_PATTERN.test(md5)) {
    throw new SnapshotError(
      SnapshotErrorCode.InvalidMd5,
      `"${md5}" is not an md5 digest (32 lowercase hex digits)`,
      md5,
    );
  }
}

/**
 * Path of the snapshot's CSV bytes: `<root>/files/md5/ab/cdef…` (DVC 3 layout).
 *
 * @throws SnapshotError INVALID_MD5
 */
export function snapshotDataPath(root: string, md5: string): string {
  assertMd5(md5);
  return path.join(root, 'files', 'md5', md5.slice(0, 2), md5.slice(2));
}

/**
 * Path of the snapshot's manifest: `<root>/manifests/<md5>.json`.
 *
 * @throws SnapshotError INVALID_MD5
 */
export function snapshotManifestPath(root: string, md5: string): string {
  assertMd5(md5);
  return path.join(root, 'manifests', `${md5}.json`);
}
