/**
 * The local store's per-key write lock: an O_EXCL lock file (src/fs/lock-file.ts)
 * held for the few milliseconds of a conditional write, so a compare-and-replace
 * by one process never interleaves with another's. A lock left by a crashed
 * process is broken once older than `staleMs`.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { breakStaleLock, createLockFile, statLockFile } from '../fs/lock-file';
import { StoreError, StoreErrorCode } from './errors';

/** A lock older than this belongs to a crashed writer (critical sections take milliseconds). */
const STALE_MS = 30_000;
/** Waiting longer than this for a lock is reported as UNAVAILABLE (retryable). */
const TIMEOUT_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `critical` holding the lock file `lockPath`, and releases it after (only
 * if it still holds our token, so an overrunning holder never removes the lock
 * of whoever broke it as stale).
 *
 * @throws StoreError UNAVAILABLE when the lock cannot be had within a minute
 */
export async function withKeyLock<T>(lockPath: string, critical: () => Promise<T>): Promise<T> {
  const token = randomBytes(12).toString('hex');
  await fs.mkdir(path.dirname(lockPath), { recursive: true });
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await createLockFile(lockPath, token))) {
    const stat = await statLockFile(lockPath);
    if (stat && Date.now() - stat.mtimeMs > STALE_MS) {
      await breakStaleLock(lockPath, stat.ino);
      continue;
    }
    if (Date.now() > deadline) {
      throw new StoreError(StoreErrorCode.Unavailable, `could not lock ${lockPath} within ${TIMEOUT_MS} ms`);
    }
    // jittered so waiting writers do not retry in lock-step
    if (stat) await sleep(2 + Math.random() * 8);
  }
  try {
    return await critical();
  } finally {
    const held = await fs.readFile(lockPath, 'utf8').catch(() => undefined);
    if (held === token) await fs.rm(lockPath, { force: true });
  }
}
