import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { writeLargeFileWithBadLastRow, type LargeBadFile } from './bad-csv-corpus.fixture';
import { makeTempDir, removeTempDirs } from './dataset.fixture';
import { DatasetProblem } from './errors';
import { createSnapshot } from './snapshot-store';

/**
 * A 100 MB file whose last row is bad: the loader must make the full pass,
 * name the right line, and stay within a few times the file's size in memory.
 * The file is generated into a temp folder, never committed.
 */
const SIZE = 100 * 1024 * 1024;
/**
 * A ceiling that catches a loader holding per-row objects or several copies of
 * the file (it takes about 380 MB above the process's baseline). Not a speed or
 * memory benchmark: those are in bench/ (BENCHMARKS.md).
 */
const MAX_EXTRA_RSS = 1024 * 1024 * 1024;

afterAll(removeTempDirs);

let large: LargeBadFile;
beforeAll(async () => {
  large = await writeLargeFileWithBadLastRow(path.join(await makeTempDir('large-csv-'), 'large.csv'), SIZE);
}, 120_000);

const execFileAsync = promisify(execFile);

/** What `load-memory.fixture.ts` reports after loading a file in a fresh process. */
interface LoadProbe {
  readonly seconds: number;
  readonly extraRssBytes: number;
  readonly error: { problem: string; row: number; column: string; message: string } | null;
}

/**
 * Loads `file` in a child process: a jest worker's peak RSS includes what
 * earlier test files in it allocated, so only a fresh process measures the loader.
 */
async function probeLoad(file: string): Promise<LoadProbe> {
  const script = path.join(__dirname, 'load-memory.fixture.ts');
  const { stdout } = await execFileAsync(process.execPath, ['--require', 'tsx/cjs', script, file]);
  return JSON.parse(stdout) as LoadProbe;
}

describe('a 100 MB dataset whose last row is bad', () => {
  it('is as large as intended and was not committed anywhere', async () => {
    expect(large.sizeBytes).toBeGreaterThanOrEqual(SIZE);
    expect((await fs.stat(large.file)).size).toBe(large.sizeBytes);
    expect(large.badLine).toBeGreaterThan(800_000);
  });

  it('is refused by the loader naming the last line, within a memory ceiling', async () => {
    const { error, extraRssBytes } = await probeLoad(large.file);
    expect(error).toEqual({
      problem: DatasetProblem.OutOfRange,
      row: large.badLine,
      column: 'lawyer_rating',
      message: `${large.file} line ${large.badLine}, column "lawyer_rating": expected a number between 1 and 5, got "9.5"`,
    });
    expect(extraRssBytes).toBeLessThan(MAX_EXTRA_RSS);
  });

  it('leaves the snapshot folder empty', async () => {
    const root = await makeTempDir('large-snapshots-');
    await expect(
      createSnapshot({ sourcePath: large.file, sourceLabel: 'data/large.csv', root, now: new Date() }),
    ).rejects.toMatchObject({ file: 'data/large.csv', row: large.badLine, column: 'lawyer_rating' });
    expect(await fs.readdir(root)).toEqual([]);
  });
});
