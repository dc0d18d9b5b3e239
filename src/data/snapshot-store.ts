/**
 * Immutable, content-addressed dataset snapshots: a run trains and evaluates on
 * a snapshot named by its md5, never on a file that someone may edit meanwhile.
 * Identical content is stored once; stored files are read-only and are never
 * rewritten in place.
 */
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';
import { SnapshotError, SnapshotErrorCode } from './errors';
import { hashBytes, hashFile, type FileDigest } from './hash-file';
import { analyseDatasetContent, type DuplicateSummary } from './dataset-content';
import { assertBothLabelClasses, parseDatasetBytes, readDatasetFile } from './load-dataset';
import { snapshotDataPath, snapshotManifestPath } from './snapshot-layout';
import { NO_SPLIT, type SplitOptions } from './split';
import { assertEnoughRows, type RequiredPart } from './split-requirements';

/** Snapshot files are read-only for everyone: content addressing means they never change. */
const READ_ONLY = 0o444;

const manifestSchema = z.object({
  md5: z.string().regex(/^[0-9a-f]{32}$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().nonnegative(),
  rows: z.number().int().positive(),
  columns: z.array(z.string()),
  source: z.string(),
  createdAt: z.iso.datetime(),
  // Absent in manifests written before issue 12.
  duplicates: z
    .object({
      rows: z.number().int().nonnegative(),
      distinctRows: z.number().int().nonnegative(),
      duplicateRows: z.number().int().nonnegative(),
      duplicateShare: z.number().min(0).max(1),
      conflictingFeatureVectors: z.number().int().nonnegative(),
    })
    .optional(),
});

/** What `<root>/manifests/<md5>.json` records about a snapshot. */
export interface SnapshotManifest {
  /** md5 of the CSV bytes: the snapshot's id and its DVC cache path. */
  readonly md5: string;
  /** sha256 of the same bytes, a collision-resistant second digest. */
  readonly sha256: string;
  readonly sizeBytes: number;
  /** Data rows (the header not counted). */
  readonly rows: number;
  /** Column names as the loaded table has them (canonical schema order). */
  readonly columns: readonly string[];
  /** The path the dataset was snapshotted from, as the caller gave it. */
  readonly source: string;
  /** ISO-8601 time the snapshot was first created. */
  readonly createdAt: string;
  /**
   * Rows that repeat another row exactly (label included), and their share: a
   * file dominated by copies trains and scores on few distinct rows. Absent in
   * manifests written before issue 12.
   */
  readonly duplicates?: DuplicateSummary;
}

/** Options of {@link createSnapshot}. */
export interface CreateSnapshotOptions {
  /** The dataset CSV to snapshot. */
  readonly sourcePath: string;
  /** The snapshot root (`data/snapshots` in the project). */
  readonly root: string;
  /** Creation time recorded in a new manifest (injected so tests and replays are deterministic). */
  readonly now: Date;
  /** How error messages name the file, e.g. `data/x.csv` as the user gave it (default: `sourcePath`). */
  readonly sourceLabel?: string;
  /**
   * Also refuse a file whose label has a single class (SINGLE_LABEL_CLASS), so a
   * retrain fails at the snapshot step, naming the user's file, before anything
   * is stored or trained. @default false
   */
  readonly requireBothLabelClasses?: boolean;
  /**
   * The split the snapshot will be used with and the parts a run needs (train,
   * validation and test for a retrain; test, or all rows, for an evaluation).
   * When given, also refuse a file in which one of those parts would hold fewer
   * than `MIN_DISTINCT_ROWS_PER_CLASS` distinct rows of a class (TOO_FEW_ROWS),
   * so a file too small to train or evaluate on fails here, naming the file and
   * the minimum, before anything is stored.
   */
  readonly requiredRows?: { readonly split: SplitOptions; readonly parts: readonly RequiredPart[] };
}

/** The snapshot's manifest, and whether the snapshot already existed. */
export interface CreateSnapshotResult extends SnapshotManifest {
  /** True when a complete snapshot with this md5 was already stored; its manifest is returned unchanged. */
  readonly reused: boolean;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

function corrupted(md5: string, file: string, what: string): SnapshotError {
  return new SnapshotError(
    SnapshotErrorCode.Corrupted,
    `snapshot ${md5} is corrupted: ${file} ${what}`,
    md5,
    file,
  );
}

/** Throws CORRUPTED unless the stored data file still has the expected digests. */
async function verifyStoredData(file: string, expected: FileDigest): Promise<void> {
  const actual = await hashFile(file);
  if (
    actual.md5 !== expected.md5 ||
    actual.sha256 !== expected.sha256 ||
    actual.sizeBytes !== expected.sizeBytes
  ) {
    throw corrupted(expected.md5, file, `has md5 ${actual.md5} and ${actual.sizeBytes} bytes`);
  }
}

/**
 * Reads and checks a snapshot's manifest.
 *
 * @throws SnapshotError INVALID_MD5 for a malformed md5, NOT_FOUND when there is
 *   no manifest, CORRUPTED when it is not a valid manifest for that md5
 */
export async function readSnapshotManifest(root: string, md5: string): Promise<SnapshotManifest> {
  const file = snapshotManifestPath(root, md5);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new SnapshotError(SnapshotErrorCode.NotFound, `no snapshot ${md5} under ${root}`, md5, file);
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw corrupted(md5, file, 'is not JSON');
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success)
    throw corrupted(md5, file, `is not a snapshot manifest (${parsed.error.issues[0]?.message})`);
  if (parsed.data.md5 !== md5) throw corrupted(md5, file, `names md5 ${parsed.data.md5}`);
  return parsed.data;
}

/**
 * Validates a dataset and stores it as an immutable snapshot.
 *
 * The file is read once; those bytes are validated (an invalid dataset never
 * gets a snapshot: nothing is written, not even a folder), hashed and written, so a file edited during the call cannot
 * produce a snapshot whose content differs from what was validated. The CSV is
 * stored at {@link snapshotDataPath} and the manifest at
 * `<root>/manifests/<md5>.json`, each via temp file + fsync + rename and made
 * read-only. When the md5 is already stored, the stored bytes are verified and
 * the existing manifest is returned with `reused: true`. A snapshot left half
 * done by a crash (data without manifest) is completed.
 *
 * @throws DatasetValidationError when the file is unreadable or invalid (or has
 *   one label class, with `requireBothLabelClasses`; or too few distinct rows
 *   of a class in a part of the split, with `requiredRows`)
 * @throws SnapshotError CORRUPTED when a stored snapshot with this md5 no longer matches it
 */
export async function createSnapshot(options: CreateSnapshotOptions): Promise<CreateSnapshotResult> {
  const { sourcePath, root, now } = options;
  const label = options.sourceLabel ?? sourcePath;
  const bytes = await readDatasetFile(sourcePath, label);
  const table = parseDatasetBytes(bytes, label);
  if (options.requireBothLabelClasses === true) assertBothLabelClasses(table, label);
  const { requiredRows } = options;
  const content = await analyseDatasetContent(table, requiredRows?.split ?? NO_SPLIT);
  if (requiredRows) assertEnoughRows(content, label, requiredRows.parts);
  const digest = hashBytes(bytes);
  const dataPath = snapshotDataPath(root, digest.md5);
  const manifestPath = snapshotManifestPath(root, digest.md5);

  const dataExisted = await exists(dataPath);
  if (dataExisted) await verifyStoredData(dataPath, digest);
  else await writeFileAtomic(dataPath, bytes, { mode: READ_ONLY });

  if (await exists(manifestPath)) {
    const stored = await readSnapshotManifest(root, digest.md5);
    if (stored.sha256 !== digest.sha256 || stored.sizeBytes !== digest.sizeBytes) {
      throw corrupted(
        digest.md5,
        manifestPath,
        `records sha256 ${stored.sha256} and ${stored.sizeBytes} bytes`,
      );
    }
    return { ...stored, reused: dataExisted };
  }
  const manifest: SnapshotManifest = {
    md5: digest.md5,
    sha256: digest.sha256,
    sizeBytes: digest.sizeBytes,
    rows: table.numRows(),
    columns: table.columnNames(),
    source: sourcePath,
    createdAt: now.toISOString(),
    duplicates: content.duplicates,
  };
  await writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`, { mode: READ_ONLY });
  return { ...manifest, reused: false };
}
