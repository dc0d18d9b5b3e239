import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BAD_CSV_CORPUS, expectedMessage, writeCorpus, type Rejected } from './bad-csv-corpus.fixture';
import { csvText, makeTempDir, removeTempDirs, validCsvLines, writeTempFile } from './dataset.fixture';
import { DatasetValidationError } from './errors';
import { snapshotManifestPath } from './snapshot-layout';
import { loadSnapshotTable } from './snapshot-read';
import { createSnapshot, readSnapshotManifest } from './snapshot-store';

afterAll(removeTempDirs);

const NOW = new Date('2026-11-28T13:36:00.000Z');

/** Every entry under `dir` (files, folders, hidden temp files), relative to it. */
async function everything(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

let files: Map<string, string>;
beforeAll(async () => {
  files = await writeCorpus(await makeTempDir('snapshot-corpus-'));
});

describe('createSnapshot on the bad-CSV corpus (as the retrain snapshot step calls it)', () => {
  const rejected = BAD_CSV_CORPUS.filter((c) => c.expected.kind === 'rejected').map(
    (c) => [c.name, c] as const,
  );
  const accepted = BAD_CSV_CORPUS.filter((c) => c.expected.kind === 'accepted').map(
    (c) => [c.name, c] as const,
  );

  it.each(rejected)('refuses %s and leaves the snapshot folder exactly as it was', async (name, c) => {
    const root = await makeTempDir('snapshots-');
    const label = `data/${name}`;
    const error: unknown = await createSnapshot({
      sourcePath: files.get(name)!,
      sourceLabel: label,
      root,
      now: NOW,
      requireBothLabelClasses: true,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetValidationError);
    const expected = c.expected as Rejected;
    expect(error).toMatchObject({ file: label, problem: expected.problem, row: expected.row });
    const message = expectedMessage(label, expected);
    if (typeof message === 'string') expect((error as Error).message).toBe(message);
    else expect((error as DatasetValidationError).detail).toMatch(message);
    expect(await everything(root)).toEqual([]);
  });

  it.each(accepted)('stores %s whole: data and manifest, no temp file', async (name, c) => {
    const root = await makeTempDir('snapshots-');
    const result = await createSnapshot({
      sourcePath: files.get(name)!,
      root,
      now: NOW,
      requireBothLabelClasses: true,
    });
    expect(result.rows).toBe((c.expected as { rows: number }).rows);
    const stored = await everything(root);
    expect(stored.filter((p) => path.basename(p).startsWith('.'))).toEqual([]);
    expect(stored).toContain(path.join('manifests', `${result.md5}.json`));
    expect((await loadSnapshotTable(root, result.md5)).numRows()).toBe(result.rows);
  });

  it('stores a single-class file when the caller does not require both classes (drift, evaluation)', async () => {
    const root = await makeTempDir('snapshots-');
    const result = await createSnapshot({ sourcePath: files.get('single-label-class.csv')!, root, now: NOW });
    expect(result.rows).toBeGreaterThan(0);
  });
});

describe('a snapshot write that fails half-way', () => {
  it('leaves no temp file and no manifest, and the next attempt completes the snapshot', async () => {
    const root = await makeTempDir('snapshots-');
    const sourcePath = await writeTempFile('ok.csv', csvText(validCsvLines(30, 2)));
    await fs.writeFile(path.join(root, 'manifests'), 'a file where the manifests folder should be');
    const failure: unknown = await createSnapshot({ sourcePath, root, now: NOW }).catch((e: unknown) => e);
    expect((failure as NodeJS.ErrnoException).code).toMatch(/^(EEXIST|ENOTDIR)$/);
    const left = await everything(root);
    expect(left.filter((p) => path.basename(p).startsWith('.'))).toEqual([]);
    expect(left.filter((p) => p.endsWith('.json'))).toEqual([]);

    await fs.rm(path.join(root, 'manifests'));
    const done = await createSnapshot({ sourcePath, root, now: NOW });
    expect(await readSnapshotManifest(root, done.md5)).toMatchObject({ md5: done.md5, rows: 30 });
    expect((await fs.stat(snapshotManifestPath(root, done.md5))).isFile()).toBe(true);
  });
});
