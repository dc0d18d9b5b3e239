import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createSnapshot, generateMatchmakingRows, rowsToCsv, snapshotDataPath } from '../data';
import { makeTempDir, removeTempDirs, writeTempFile } from '../data/dataset.fixture';
import { formatDvcPointer, writeDvcPointer } from './dvc-pointer';
import { DvcErrorCode } from './errors';

/**
 * Written by `dvc add data/matchmaking.csv` (dvc 3.67.1) for the CSV of
 * generateMatchmakingRows({ rows: 50, seed: 3 }); see test/reference/dvc/README.md.
 */
const REFERENCE_DIR = path.join(__dirname, '..', '..', 'test', 'reference', 'dvc');

async function snapshotOf50Rows(): Promise<{ snapshotsDir: string; md5: string; size: number }> {
  const source = await writeTempFile(
    'matchmaking.csv',
    rowsToCsv(generateMatchmakingRows({ rows: 50, seed: 3 })),
  );
  const snapshotsDir = path.join(await makeTempDir(), 'snapshots');
  const snapshot = await createSnapshot({ sourcePath: source, root: snapshotsDir, now: new Date(0) });
  return { snapshotsDir, md5: snapshot.md5, size: snapshot.sizeBytes };
}

afterAll(removeTempDirs);

describe('writeDvcPointer', () => {
  it('writes the same bytes as `dvc add` for the same file', async () => {
    const { snapshotsDir, md5 } = await snapshotOf50Rows();
    const workspace = await makeTempDir();
    const outPath = path.join(workspace, 'data', 'matchmaking.csv');
    const { pointerPath } = await writeDvcPointer({ snapshotsDir, md5, outPath });
    expect(pointerPath).toBe(`${outPath}.dvc`);
    expect(await fs.readFile(pointerPath, 'utf8')).toBe(
      await fs.readFile(path.join(REFERENCE_DIR, 'dvc-add-matchmaking.csv.dvc'), 'utf8'),
    );
  });

  it('writes the data path relative to the pointer when the pointer lives elsewhere', async () => {
    const { snapshotsDir, md5, size } = await snapshotOf50Rows();
    const workspace = await makeTempDir();
    const { text } = await writeDvcPointer({
      snapshotsDir,
      md5,
      outPath: path.join(workspace, 'data', 'train.csv'),
      pointerPath: path.join(workspace, 'pointers', 'train.csv.dvc'),
    });
    expect(text).toBe(`outs:\n- md5: ${md5}\n  size: ${size}\n  hash: md5\n  path: ../data/train.csv\n`);
  });

  it('refuses a snapshot whose stored file no longer has the manifest size', async () => {
    const { snapshotsDir, md5 } = await snapshotOf50Rows();
    const dataFile = snapshotDataPath(snapshotsDir, md5);
    await fs.chmod(dataFile, 0o644);
    await fs.appendFile(dataFile, 'extra');
    await expect(
      writeDvcPointer({ snapshotsDir, md5, outPath: path.join(await makeTempDir(), 'x.csv') }),
    ).rejects.toMatchObject({ code: DvcErrorCode.SnapshotMismatch });
  });

  it('refuses an unknown snapshot with the snapshot store error', async () => {
    const { snapshotsDir } = await snapshotOf50Rows();
    await expect(
      writeDvcPointer({
        snapshotsDir,
        md5: '0'.repeat(32),
        outPath: path.join(await makeTempDir(), 'x.csv'),
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('formatDvcPointer', () => {
  it('matches `dvc add` for a file name with an inner space', async () => {
    const reference = await fs.readFile(path.join(REFERENCE_DIR, 'dvc-add-my-file.csv.dvc'), 'utf8');
    expect(
      formatDvcPointer({ md5: '29bb766419c0c1972b0eccfca13ee4db', size: 4730, path: 'my file.csv' }),
    ).toBe(reference);
  });

  it.each(['123', 'yes', 'null', '1.5e3', 'a: b', '-x.csv', 'x.csv ', '#x', 'a\nb'])(
    'refuses %j, which dvc would have to quote',
    (name) => {
      expect(() => formatDvcPointer({ md5: '0'.repeat(32), size: 1, path: name })).toThrow(
        expect.objectContaining({ code: DvcErrorCode.UnsupportedPath }) as Error,
      );
    },
  );
});
