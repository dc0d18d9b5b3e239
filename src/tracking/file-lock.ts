/**
 * A lock file created with O_EXCL (`open(…, 'wx')`), for short read-modify-write
 * sections that several processes, possibly on several hosts sharing a volume,
 * may run at once. A lock left behind by a crashed process is broken once it is
 * older than `staleMs`.
 *
 * Why not `flock`: Node has no portable binding, and advisory locks are not
 * reliable on the network volumes workers share. O_EXCL create is atomic on
 * local file systems and NFSv3+.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TrackingError, TrackingErrorCode } from './errors';

/** How long to wait for a lock and when to consider one abandoned. */
export interface FileLockOptions {
  /**
   * A lock file older than this is assumed to belong to a crashed process and
   * is broken. Must be far longer than any critical section (those here take
   * milliseconds).
   * @default 30_000
   */
  readonly staleMs: number;
  /**
   * Give up (LOCK_TIMEOUT) after waiting this long.
   * @default 60_000
   */
  readonly timeoutMs: number;
  /**
   * Base pause between attempts; each pause is jittered up to twice this so
   * waiting processes do not retry in lock-step.
   * @default 5
   */
  readonly retryMs: number;
}

/** Defaults of {@link FileLockOptions}. */
export const DEFAULT_FILE_LOCK_OPTIONS: FileLockOptions = { staleMs: 30_000, timeoutMs: 60_000, retryMs: 5 };

/** Re-reads the lock file and throws unless this holder still owns it. */
export type AssertLockHeld = () => Promise<void>;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function isErrno(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException).code === code;
}

async function readToken(lockPath: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await fs.readFile(lockPath, 'utf8')) as { token?: string }).token;
  } catch {
    return undefined; // gone, or caught between create and write: not ours either way
  }
}

/**
 * Moves a stale lock aside. rename(2) succeeds for exactly one of several
 * processes breaking the same lock. If, between our stat and our rename,
 * someone else broke it and took a fresh lock, we have just moved *their*
 * lock (the inode differs from the one we judged stale): we put it back with
 * link(2), which never overwrites. What remains is a microseconds-wide window
 * after a crash; holders re-check their token right before committing, which
 * closes most of it.
 */
async function breakStaleLock(lockPath: string, staleIno: number): Promise<void> {
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

async function acquire(lockPath: string, options: FileLockOptions): Promise<string> {
  const token = randomBytes(12).toString('hex');
  const content = JSON.stringify({
    token,
    pid: process.pid,
    host: os.hostname(),
    at: new Date().toISOString(),
  });
  const deadline = Date.now() + options.timeoutMs;
  await fs.mkdir(path.dirname(lockPath), { recursive: true });
  for (;;) {
    try {
      await fs.writeFile(lockPath, content, { flag: 'wx' });
      return token;
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
    }
    const stat = await fs.stat(lockPath).catch((error: unknown) => {
      if (isErrno(error, 'ENOENT')) return undefined; // released meanwhile: try again now
      throw error;
    });
    if (stat && Date.now() - stat.mtimeMs > options.staleMs) {
      await breakStaleLock(lockPath, stat.ino);
      continue;
    }
    if (Date.now() > deadline) {
      throw new TrackingError(
        TrackingErrorCode.LockTimeout,
        `could not lock ${lockPath} within ${options.timeoutMs} ms`,
        lockPath,
      );
    }
    if (stat) await sleep(options.retryMs * (1 + Math.random()));
  }
}

/**
 * Runs `critical` while holding the lock file `lockPath`, and releases it after,
 * also when `critical` throws. The release removes the file only if it still
 * holds our token, so a holder that overran `staleMs` never deletes the lock of
 * whoever broke it.
 *
 * @param critical - receives {@link AssertLockHeld}; call it just before the
 *   write that must not race
 * @throws TrackingError LOCK_TIMEOUT
 */
export async function withFileLock<T>(
  lockPath: string,
  options: FileLockOptions,
  critical: (assertHeld: AssertLockHeld) => Promise<T>,
): Promise<T> {
  const token = await acquire(lockPath, options);
  const assertHeld: AssertLockHeld = async () => {
    if ((await readToken(lockPath)) !== token) {
      throw new TrackingError(
        TrackingErrorCode.LockTimeout,
        `lost the lock ${lockPath}: held longer than ${options.staleMs} ms and broken as stale`,
        lockPath,
      );
    }
  };
  try {
    return await critical(assertHeld);
  } finally {
    if ((await readToken(lockPath)) === token) await fs.rm(lockPath, { force: true });
  }
}
