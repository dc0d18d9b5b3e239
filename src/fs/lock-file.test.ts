import { promises as fs } from 'node:fs';
import path from 'node:path';
import { breakStaleLock, createLockFile, statLockFile } from './lock-file';
import { makeTempDir, removeTempDirs } from '../data/dataset.fixture';

afterAll(removeTempDirs);

describe('lock files', () => {
  it('creates a lock once; a second create sees it taken', async () => {
    const lock = path.join(await makeTempDir(), 'a.lock');
    expect(await createLockFile(lock, 'one')).toBe(true);
    expect(await createLockFile(lock, 'two')).toBe(false);
    expect(await fs.readFile(lock, 'utf8')).toBe('one');
  });

  it('breaks the lock judged stale and leaves nothing beside it', async () => {
    const dir = await makeTempDir();
    const lock = path.join(dir, 'a.lock');
    await createLockFile(lock, 'dead holder');
    const stale = await statLockFile(lock);
    await breakStaleLock(lock, stale!.ino);
    expect(await statLockFile(lock)).toBeUndefined();
    expect(await fs.readdir(dir)).toEqual([]);
    expect(await createLockFile(lock, 'new holder')).toBe(true);
  });

  it('puts back a fresh lock taken between the stale judgement and the break', async () => {
    const dir = await makeTempDir();
    const lock = path.join(dir, 'a.lock');
    await createLockFile(lock, 'dead holder');
    const stale = await statLockFile(lock);
    // Another process broke the stale lock and took a fresh one meanwhile.
    await fs.rm(lock);
    await fs.writeFile(path.join(dir, 'keep-inode-busy'), 'x'); // the fresh lock gets another inode
    await createLockFile(lock, 'live holder');
    expect((await statLockFile(lock))!.ino).not.toBe(stale!.ino);
    await breakStaleLock(lock, stale!.ino);
    expect(await fs.readFile(lock, 'utf8')).toBe('live holder');
    expect((await fs.readdir(dir)).sort()).toEqual(['a.lock', 'keep-inode-busy']);
  });

  it('breaking a lock that is already gone is a no-op', async () => {
    const lock = path.join(await makeTempDir(), 'a.lock');
    await expect(breakStaleLock(lock, 1)).resolves.toBeUndefined();
    expect(await statLockFile(lock)).toBeUndefined();
  });
});
