import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { makeTempDir, removeTempDirs } from '../data/dataset.fixture';

afterAll(removeTempDirs);

describe('writeFileAtomic', () => {
  it('creates missing folders and writes the content with the given mode', async () => {
    const target = path.join(await makeTempDir(), 'a', 'b', 'file.txt');
    await writeFileAtomic(target, 'hello', { mode: 0o444 });
    expect(await fs.readFile(target, 'utf8')).toBe('hello');
    expect((await fs.stat(target)).mode & 0o777).toBe(0o444);
  });

  it('replaces an existing file whole and leaves no temporary file behind', async () => {
    const dir = await makeTempDir();
    const target = path.join(dir, 'file.txt');
    await writeFileAtomic(target, 'old', { mode: 0o644 });
    await writeFileAtomic(target, 'new', { mode: 0o644 });
    expect(await fs.readFile(target, 'utf8')).toBe('new');
    expect(await fs.readdir(dir)).toEqual(['file.txt']);
  });
});
