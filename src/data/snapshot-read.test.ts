import { promises as fs } from 'node:fs';
import { csvText, makeTempDir, removeTempDirs, validCsvLines, writeTempFile } from './dataset.fixture';
import { SnapshotErrorCode } from './errors';
import { snapshotDataPath, snapshotManifestPath } from './snapshot-layout';
import { loadSnapshotTable } from './snapshot-read';
import { createSnapshot } from './snapshot-store';

afterAll(removeTempDirs);

async function storedSnapshot(): Promise<{ root: string; md5: string }> {
  const root = await makeTempDir('snapshot-read-');
  const sourcePath = await writeTempFile('d.csv', csvText(validCsvLines(40, 3)));
  const { md5 } = await createSnapshot({ sourcePath, root, now: new Date(0) });
  return { root, md5 };
}

/** Overwrites a read-only stored file (as an intruder or a failing disk would). */
async function tamper(file: string, edit: (text: string) => string): Promise<void> {
  await fs.chmod(file, 0o644);
  await fs.writeFile(file, edit(await fs.readFile(file, 'utf8')));
}

describe('loadSnapshotTable', () => {
  it('loads an intact snapshot', async () => {
    const { root, md5 } = await storedSnapshot();
    expect((await loadSnapshotTable(root, md5)).numRows()).toBe(40);
  });

  it('refuses a snapshot whose bytes were edited after storing, naming the file', async () => {
    const { root, md5 } = await storedSnapshot();
    const file = snapshotDataPath(root, md5);
    await tamper(file, (text) => text.replace(/,1\n/, ',0\n')); // flip one label: still a valid CSV
    await expect(loadSnapshotTable(root, md5)).rejects.toMatchObject({
      code: SnapshotErrorCode.Corrupted,
      md5,
      path: file,
      message: expect.stringContaining(`snapshot ${md5} is corrupted: ${file}`) as string,
    });
  });

  it('refuses a snapshot without a manifest, and an invalid md5', async () => {
    const { root, md5 } = await storedSnapshot();
    await fs.rm(snapshotManifestPath(root, md5));
    await expect(loadSnapshotTable(root, md5)).rejects.toMatchObject({ code: SnapshotErrorCode.NotFound });
    await expect(loadSnapshotTable(root, '../../etc/passwd')).rejects.toMatchObject({
      code: SnapshotErrorCode.InvalidMd5,
    });
  });
});
