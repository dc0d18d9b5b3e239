import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  csvText,
  makeTempDir,
  removeTempDirs,
  validCsvLines,
  withCell,
  writeTempFile,
} from './dataset.fixture';
import type { DatasetValidationError } from './errors';
import { DatasetProblem, SnapshotErrorCode } from './errors';
import { generateMatchmakingRows, rowsToCsv } from './generate';
import { hashBytes } from './hash-file';
import { loadDatasetCsv } from './load-dataset';
import { snapshotDataPath, snapshotManifestPath } from './snapshot-layout';
import { createSnapshot, readSnapshotManifest } from './snapshot-store';
import { COLUMN_NAMES } from './schema';

afterAll(removeTempDirs);

const NOW = new Date('2026-11-28T13:36:00.000Z');
const csv = rowsToCsv(generateMatchmakingRows({ rows: 120, seed: 9 }));

/** Every file under `dir`, relative to it. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('createSnapshot', () => {
  it('stores the bytes under files/md5/<2 hex>/<30 hex> and a manifest describing them', async () => {
    const root = await makeTempDir();
    const sourcePath = await writeTempFile('dataset.csv', csv);
    const { md5, sha256, sizeBytes } = hashBytes(Buffer.from(csv));

    const result = await createSnapshot({ sourcePath, root, now: NOW });

    expect(result).toEqual({
      md5,
      sha256,
      sizeBytes,
      rows: 120,
      columns: COLUMN_NAMES,
      source: sourcePath,
      createdAt: '2026-11-28T13:36:00.000Z',
      duplicates: {
        rows: 120,
        distinctRows: 120,
        duplicateRows: 0,
        duplicateShare: 0,
        conflictingFeatureVectors: 0,
      },
      reused: false,
    });
    expect((await listFiles(root)).sort()).toEqual([
      path.join('files', 'md5', md5.slice(0, 2), md5.slice(2)),
      path.join('manifests', `${md5}.json`),
    ]);
    expect(await fs.readFile(snapshotDataPath(root, md5), 'utf8')).toBe(csv);
    const { reused: _, ...manifest } = result;
    expect(await readSnapshotManifest(root, md5)).toEqual(manifest);
  });

  it('makes the stored data and manifest read-only', async () => {
    const root = await makeTempDir();
    const { md5 } = await createSnapshot({ sourcePath: await writeTempFile('d.csv', csv), root, now: NOW });
    expect((await fs.stat(snapshotDataPath(root, md5))).mode & 0o777).toBe(0o444);
    expect((await fs.stat(snapshotManifestPath(root, md5))).mode & 0o777).toBe(0o444);
  });

  it('stores identical content once and returns the first manifest with reused: true', async () => {
    const root = await makeTempDir();
    const first = await createSnapshot({ sourcePath: await writeTempFile('a.csv', csv), root, now: NOW });
    const again = await createSnapshot({
      sourcePath: await writeTempFile('b.csv', csv),
      root,
      now: new Date('2027-01-01T00:00:00.000Z'),
    });
    expect(again).toEqual({ ...first, reused: true });
    expect(await listFiles(root)).toHaveLength(2);
  });

  it('leaves nothing behind for an invalid dataset', async () => {
    const root = await makeTempDir();
    const bad = await writeTempFile('bad.csv', csvText(withCell(validCsvLines(5), 4, 'lawyer_rating', '7')));
    await expect(createSnapshot({ sourcePath: bad, root, now: NOW })).rejects.toMatchObject({
      problem: DatasetProblem.OutOfRange,
      row: 4,
    });
    expect(await fs.readdir(root)).toEqual([]);
  });

  it('records the share of rows that repeat another row in the manifest', async () => {
    const root = await makeTempDir();
    const lines = validCsvLines(40, 6);
    // 40 distinct rows, then the first 20 again: 60 rows, 20 of them copies.
    const source = await writeTempFile('copies.csv', csvText([...lines, ...lines.slice(1, 21)]));
    const { md5 } = await createSnapshot({ sourcePath: source, root, now: NOW });
    expect((await readSnapshotManifest(root, md5)).duplicates).toEqual({
      rows: 60,
      distinctRows: 40,
      duplicateRows: 20,
      duplicateShare: 1 / 3,
      conflictingFeatureVectors: 0,
    });
  });

  it('reads a manifest written before duplicates were recorded', async () => {
    const root = await makeTempDir();
    const {
      md5,
      duplicates: _,
      reused: __,
      ...old
    } = await createSnapshot({
      sourcePath: await writeTempFile('old.csv', csv),
      root: await makeTempDir(),
      now: NOW,
    });
    await fs.mkdir(path.join(root, 'manifests'));
    await fs.writeFile(snapshotManifestPath(root, md5), JSON.stringify({ md5, ...old }));
    expect(await readSnapshotManifest(root, md5)).toEqual({ md5, ...old });
  });

  it('with requiredRows, refuses a file too small for the split before storing anything', async () => {
    const root = await makeTempDir();
    const split = { seed: 20251108, validationFraction: 0.15, testFraction: 0.15 };
    const small = await writeTempFile('small.csv', csv); // 120 rows: too few in validation and test
    const error = (await createSnapshot({
      sourcePath: small,
      sourceLabel: 'data/small.csv',
      root,
      now: NOW,
      requiredRows: { split, parts: ['train', 'validation', 'test'] },
    }).catch((e: unknown) => e)) as DatasetValidationError;
    expect(error).toMatchObject({ problem: DatasetProblem.TooFewRows, file: 'data/small.csv' });
    expect(error.message).toMatch(
      /^data\/small\.csv, column "match_success": too few rows: the (validation|test) part has \d distinct rows/,
    );
    expect(await fs.readdir(root)).toEqual([]);
    // The same file is enough for a check of all its rows (an evaluation of every row).
    await expect(
      createSnapshot({ sourcePath: small, root, now: NOW, requiredRows: { split, parts: ['all'] } }),
    ).resolves.toMatchObject({ rows: 120 });
  });

  it('completes a snapshot whose manifest was lost in a crash', async () => {
    const root = await makeTempDir();
    const sourcePath = await writeTempFile('d.csv', csv);
    const { md5 } = await createSnapshot({ sourcePath, root, now: NOW });
    await fs.rm(snapshotManifestPath(root, md5));
    const again = await createSnapshot({ sourcePath, root, now: NOW });
    expect(again.rows).toBe(120);
    await expect(readSnapshotManifest(root, md5)).resolves.toMatchObject({ md5, rows: 120 });
  });

  it('refuses to reuse stored data whose bytes no longer match their md5', async () => {
    const root = await makeTempDir();
    const sourcePath = await writeTempFile('d.csv', csv);
    const { md5 } = await createSnapshot({ sourcePath, root, now: NOW });
    const stored = snapshotDataPath(root, md5);
    await fs.chmod(stored, 0o644);
    await fs.appendFile(stored, 'tampered');
    await expect(createSnapshot({ sourcePath, root, now: NOW })).rejects.toMatchObject({
      code: SnapshotErrorCode.Corrupted,
      md5,
      path: stored,
    });
  });

  it('stores a file that loadDatasetCsv reads back to the same table', async () => {
    const root = await makeTempDir();
    const sourcePath = await writeTempFile('d.csv', csv);
    const { md5 } = await createSnapshot({ sourcePath, root, now: NOW });
    const original = await loadDatasetCsv(sourcePath);
    expect((await loadDatasetCsv(snapshotDataPath(root, md5))).objects()).toEqual(original.objects());
  });
});

describe('readSnapshotManifest', () => {
  it('reports NOT_FOUND for an md5 that was never stored', async () => {
    await expect(readSnapshotManifest(await makeTempDir(), 'a'.repeat(32))).rejects.toMatchObject({
      code: SnapshotErrorCode.NotFound,
    });
  });

  it('reports INVALID_MD5 rather than building a path from anything else', async () => {
    await expect(readSnapshotManifest(await makeTempDir(), '../../etc/passwd')).rejects.toMatchObject({
      code: SnapshotErrorCode.InvalidMd5,
    });
  });

  it('reports CORRUPTED for a manifest that is not JSON or names another md5', async () => {
    const root = await makeTempDir();
    const md5 = 'b'.repeat(32);
    await fs.mkdir(path.join(root, 'manifests'));
    await fs.writeFile(snapshotManifestPath(root, md5), '{not json');
    await expect(readSnapshotManifest(root, md5)).rejects.toMatchObject({
      code: SnapshotErrorCode.Corrupted,
    });
  });
});
