/**
 * The two halves of an O_EXCL lock file, shared by the per-model retrain lock
 * (src/registry/model-lock.ts) and the short read-modify-write locks of the run
 * store (src/tracking/file-lock.ts): creating one, and breaking one judged
 * stale without racing another process that breaks or takes it at once. The
 * two differ only in how they judge a lock stale (a dead workflow; an old
 * file).
 *
 * Why not `flock`: Node has no portable binding, and advisory locks are not
 * reliable on the network volumes workers share. O_EXCL create is atomic on
 * local file systems and NFSv3+.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';

function isErrno(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException).code === code;
}

/**
 * Creates the lock file `lockPath` holding `content` if no such file exists.
 *
 * @returns true when this call created it, false when it was there already
 */
export async function createLockFile(lockPath: string, content: string): Promise<boolean> {
  try {
    await fs.writeFile(lockPath, content, { flag: 'wx' });
    return true;
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  }
}

/** The lock file's stat (its inode identifies this very lock), or undefined when it is gone. */
export async function statLockFile(lockPath: string): Promise<Stats | undefined> {
  try {
    return await fs.stat(lockPath);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

/**
 * Moves a stale lock aside. rename(2) succeeds for exactly one of several
 * processes breaking the same lock. If, between the caller's stat and this
 * rename, someone else broke it and took a fresh lock, we have just moved
 * *their* lock (the inode differs from the one judged stale): it is put back
 * with link(2), which never overwrites.
 *
 * @param staleIno - the inode of the lock file the caller judged stale ({@link statLockFile})
 */
export async function breakStaleLock(lockPath: string, staleIno: number): Promise<void> {
  const aside = `${lockPath}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await fs.rename(lockPath, aside);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return; // someone else broke or released it
    throw error;
  }
  try {
    const moved = await fs.stat(aside);
    if (moved.ino !== staleIno) await fs.link(aside, lockPath).catch(() => undefined);
  } finally {
    await fs.rm(aside, { force: true });
  }
}
