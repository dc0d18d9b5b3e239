/**
 * Reading a stored snapshot back for training or evaluation, verified: the
 * bytes that are parsed are the bytes whose digests are checked, so a snapshot
 * edited, truncated or swapped after it was stored is refused rather than
 * trained on.
 */
import type { ColumnTable } from 'arquero';
import { SnapshotError, SnapshotErrorCode } from './errors';
import { hashBytes } from './hash-file';
import { parseDatasetBytes, readDatasetFile } from './load-dataset';
import { snapshotDataPath } from './snapshot-layout';
import { readSnapshotManifest } from './snapshot-store';

/**
 * Loads a snapshot's table after checking its bytes against its md5 (its name)
 * and the sha256 and size in its manifest.
 *
 * @param root - the snapshot root (`data/snapshots`)
 * @param md5 - the snapshot to read
 * @throws SnapshotError INVALID_MD5, NOT_FOUND (no manifest) or CORRUPTED (the
 *   bytes do not match the md5 or manifest, or the manifest is damaged)
 * @throws DatasetValidationError when the stored file cannot be read or parsed
 */
export async function loadSnapshotTable(root: string, md5: string): Promise<ColumnTable> {
  const manifest = await readSnapshotManifest(root, md5);
  const file = snapshotDataPath(root, md5);
  const bytes = await readDatasetFile(file);
  const digest = hashBytes(bytes);
  if (digest.md5 !== md5 || digest.sha256 !== manifest.sha256 || digest.sizeBytes !== manifest.sizeBytes) {
    throw new SnapshotError(
      SnapshotErrorCode.Corrupted,
      `snapshot ${md5} is corrupted: ${file} has md5 ${digest.md5} and ${digest.sizeBytes} bytes, ` +
        `the manifest records ${manifest.sizeBytes} bytes`,
      md5,
      file,
    );
  }
  return parseDatasetBytes(bytes, file);
}
