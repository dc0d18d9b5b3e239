/**
 * `.dvc` pointer files for dataset snapshots, in DVC 3 format, byte-identical to
 * what `dvc add` writes (checked against dvc 3.67.1, see
 * `test/reference/dvc/README.md`):
 *
 * ```yaml
 * outs:
 * - md5: 29bb766419c0c1972b0eccfca13ee4db
 *   size: 4730
 *   hash: md5
 *   path: matchmaking.csv
 * ```
 *
 * `hash: md5` marks a DVC 3 output (md5 of the raw bytes, cached under
 * `files/md5/`), which is exactly how snapshots are named and stored.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import { readSnapshotManifest } from '../data/snapshot-store';
import { snapshotDataPath } from '../data/snapshot-layout';
import { assertPlainYamlPath } from './dvc-yaml-path';
import { DvcError, DvcErrorCode } from './errors';

/** The one output a dataset pointer describes. */
export interface DvcOut {
  /** md5 of the file's bytes. */
  readonly md5: string;
  /** Size in bytes. */
  readonly size: number;
  /** Path of the data file relative to the `.dvc` file's folder, posix separators. */
  readonly path: string;
}

/**
 * The text of a single-output `.dvc` file, as `dvc add` writes it.
 *
 * @throws DvcError UNSUPPORTED_PATH for a path dvc would have to quote
 */
export function formatDvcPointer(out: DvcOut): string {
  assertPlainYamlPath(out.path);
  return `outs:\n- md5: ${out.md5}\n  size: ${out.size}\n  hash: md5\n  path: ${out.path}\n`;
}

/** Options of {@link writeDvcPointer}. */
export interface WriteDvcPointerOptions {
  /** The snapshot root (the folder DVC's cache or remote points at). */
  readonly snapshotsDir: string;
  /** The snapshot to point at. */
  readonly md5: string;
  /** Where the data file appears in the DVC workspace, e.g. `data/matchmaking.csv`. */
  readonly outPath: string;
  /**
   * Where to write the pointer.
   * @default `${outPath}.dvc`, beside the data file, as `dvc add` does
   */
  readonly pointerPath?: string;
}

/**
 * Writes a `.dvc` pointer for a stored snapshot (atomically, mode 0644), so that
 * `dvc checkout` (cache at `snapshotsDir`) or `dvc pull` (remote at
 * `snapshotsDir`) materialises the snapshot's bytes at `outPath`.
 *
 * The size comes from the snapshot's manifest and is checked against the stored
 * file (a stat, not a re-hash: the store verifies content on reuse).
 *
 * @returns the pointer's path and its text
 * @throws SnapshotError NOT_FOUND / CORRUPTED / INVALID_MD5 from the snapshot store
 * @throws DvcError SNAPSHOT_MISMATCH, UNSUPPORTED_PATH
 */
export async function writeDvcPointer(
  options: WriteDvcPointerOptions,
): Promise<{ readonly pointerPath: string; readonly text: string }> {
  const { snapshotsDir, md5, outPath } = options;
  const pointerPath = options.pointerPath ?? `${outPath}.dvc`;
  const manifest = await readSnapshotManifest(snapshotsDir, md5);
  const dataFile = snapshotDataPath(snapshotsDir, md5);
  const size = await fs.stat(dataFile).then(
    (s) => s.size,
    () => undefined,
  );
  if (size !== manifest.sizeBytes) {
    throw new DvcError(
      DvcErrorCode.SnapshotMismatch,
      `snapshot ${md5}: ${dataFile} ${size === undefined ? 'is missing' : `has ${size} bytes`}, manifest says ${manifest.sizeBytes}`,
      md5,
    );
  }
  const relative = path.relative(path.dirname(path.resolve(pointerPath)), path.resolve(outPath));
  const text = formatDvcPointer({ md5, size, path: relative.split(path.sep).join('/') });
  await writeFileAtomic(pointerPath, text, { mode: 0o644 });
  return { pointerPath, text };
}
